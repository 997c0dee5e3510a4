/// Why a `q` search string cannot be run; the API answers 400 and names the `q` parameter.
package struct TextQueryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The query parameter at fault.
    let parameter: String
    /// What is wrong, for the client.
    let message: String

    /// Creates a query error.
    init(parameter: String = "q", message: String) {
        self.parameter = parameter
        self.message = message
    }

    /// The message.
    package var description: String { message }
}
