/// Why an upstream exchange failed. The description never holds a header value or a body byte: only the
/// kind, the origin and the underlying error's name.
public struct UpstreamHTTPError: Error, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: String, Sendable {
        /// The URL is not an absolute http(s) URL.
        case invalidURL
        /// No connection within the connect timeout.
        case connectTimeout
        /// The connection was refused or could not be made (DNS, unreachable, TLS handshake).
        case connectFailed
        /// No response head, or no body bytes, within the read timeout.
        case readTimeout
        /// The connection closed before a response head arrived.
        case closedBeforeResponse
        /// The connection closed in the middle of the body.
        case closedMidBody
        /// The response could not be parsed as HTTP/1.1.
        case invalidResponse
        /// The client is shut down.
        case shutDown
    }

    /// What went wrong.
    public var kind: Kind
    /// More detail: the origin and the underlying error, for logs and the error message.
    public var detail: String

    /// An error.
    public init(_ kind: Kind, _ detail: String = "") {
        self.kind = kind
        self.detail = detail
    }

    public var description: String { detail.isEmpty ? kind.rawValue : "\(kind.rawValue): \(detail)" }
}
