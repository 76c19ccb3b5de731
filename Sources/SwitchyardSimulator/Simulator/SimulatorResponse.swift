import NIOCore

/// The simulator's answer as it is delivered: status and headers now, the body over time.
public struct SimulatorResponse: Sendable {
    /// The body of a response.
    public enum Body: Sendable {
        /// A body that is already complete.
        case complete(ByteBuffer)
        /// A body emitted over time; it throws where a fault cuts it off.
        case stream(AsyncThrowingStream<ByteBuffer, any Error>)
    }

    /// The HTTP status.
    public var status: Int
    /// The response headers.
    public var headers: [(name: String, value: String)]
    /// The body.
    public var body: Body

    /// A response.
    public init(status: Int, headers: [(name: String, value: String)], body: Body) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let name = name.lowercased()
        return headers.first { $0.name.lowercased() == name }?.value
    }
}
