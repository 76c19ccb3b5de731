import NIOCore

/// One HTTP request as the simulator sees it, whichever front (socket or in-process) it came through.
public struct SimulatorRequest: Sendable {
    /// `GET`, `POST`, … (compared case-insensitively).
    public var method: String
    /// The path with its query, e.g. `/v1/chat/completions` or `/openai/deployments/d/embeddings?api-version=2024-10-21`.
    public var path: String
    /// The request headers; names are compared case-insensitively.
    public var headers: [(name: String, value: String)]
    /// The body, if any.
    public var body: ByteBuffer?

    /// A request.
    public init(method: String, path: String, headers: [(name: String, value: String)] = [], body: ByteBuffer? = nil) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let name = name.lowercased()
        return headers.first { $0.name.lowercased() == name }?.value
    }

    /// The path without its query string.
    var pathWithoutQuery: Substring {
        path.prefix { $0 != "?" }
    }
}
