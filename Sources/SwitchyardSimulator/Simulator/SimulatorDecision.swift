import NIOCore

/// What the simulator will answer to one request, decided up front and not yet delivered.
///
/// The engine decides (``SimulatorEngine/decide(_:)``), a front delivers: it waits for ``head``,
/// then sends ``status``, ``headers`` and ``body``, pacing the body's chunks by their delays.
public struct SimulatorDecision: Sendable {
    /// When the response head is sent.
    public enum Head: Sendable, Equatable {
        /// After this delay.
        case after(Duration)
        /// Never: the request times out.
        case never
    }

    /// One piece of a paced body.
    public struct Chunk: Sendable {
        /// The pause before the chunk is sent.
        public var delay: Duration
        /// The bytes: for a stream, one whole SSE event.
        public var bytes: ByteBuffer

        /// A chunk sent after `delay`.
        public init(delay: Duration = .zero, bytes: ByteBuffer) {
            self.delay = delay
            self.bytes = bytes
        }
    }

    /// The body.
    public enum Body: Sendable {
        /// A body sent at once.
        case complete(ByteBuffer)
        /// A body sent chunk by chunk; when `cut` is true it breaks off with an error after the last chunk.
        case chunks([Chunk], cut: Bool)
    }

    /// When the head is sent.
    public var head: Head
    /// The HTTP status.
    public var status: Int
    /// The response headers.
    public var headers: [(name: String, value: String)]
    /// The body.
    public var body: Body

    /// A decision.
    public init(head: Head, status: Int, headers: [(name: String, value: String)], body: Body) {
        self.head = head
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
