/// Why a `q` search string cannot be run; the API answers 400 and names the `q` parameter.
public struct TextQueryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The query parameter at fault.
    public let parameter: String
    /// What is wrong, for the client.
    public let message: String

    /// Creates a query error.
    public init(parameter: String = "q", message: String) {
        self.parameter = parameter
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
