/// An HTTP request method, such as `GET` or `OPTIONS`.
///
/// Any token a client sends is kept, so an unexpected method can be answered with 405 and `Allow`.
package struct HTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The method token as sent, e.g. `"GET"`.
    package let rawValue: String

    /// Creates a method from its token.
    package init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// `GET`: read a resource.
    package static let get = HTTPMethod(rawValue: "GET")
    /// `HEAD`: like `GET`, headers only.
    static let head = HTTPMethod(rawValue: "HEAD")
    /// `POST`.
    static let post = HTTPMethod(rawValue: "POST")
    /// `PUT`.
    static let put = HTTPMethod(rawValue: "PUT")
    /// `DELETE`.
    static let delete = HTTPMethod(rawValue: "DELETE")
    /// `PATCH`.
    static let patch = HTTPMethod(rawValue: "PATCH")
    /// `OPTIONS`: ask what a resource allows.
    static let options = HTTPMethod(rawValue: "OPTIONS")

    /// The method token.
    package var description: String { rawValue }
}
