import HTTPTypes
import Hummingbird
import NIOCore

/// The connection handler and its context, reached from a request's task.
struct ConnectionReference: Sendable {
    private let handler: NIOLoopBound<GatewayConnectionHandler>
    private let context: NIOLoopBound<ChannelHandlerContext>
    private let eventLoop: any EventLoop

    init(handler: GatewayConnectionHandler, context: ChannelHandlerContext) {
        self.handler = NIOLoopBound(handler, eventLoop: context.eventLoop)
        self.context = NIOLoopBound(context, eventLoop: context.eventLoop)
        self.eventLoop = context.eventLoop
    }

    /// Runs `operation` on the connection's loop: at once when the caller is on it (a request's task
    /// prefers it), else submitted to it.
    ///
    /// The closure is not escaping, so the common case (on the loop) allocates nothing for it.
    func run<T: Sendable>(_ operation: @Sendable (GatewayConnectionHandler, ChannelHandlerContext) throws -> T) async throws -> T {
        if eventLoop.inEventLoop { return try operation(handler.value, context.value) }
        let (handler, context, eventLoop) = (handler, context, eventLoop)
        return try await withoutActuallyEscaping(operation) { operation in
            // The loop may keep the submitted closure until its whole batch of tasks has run, after
            // `get()` returned here; `withoutActuallyEscaping` requires `operation` to be released by
            // then. The box hands it over once and lets go of it.
            let box = OperationBox(operation)
            return try await eventLoop.submit { try box.take()(handler.value, context.value) }.get()
        }
    }
}

/// Holds a closure until it is taken, once.
private final class OperationBox<T>: @unchecked Sendable {
    // Set at init, taken once on the event loop; the submit that runs it orders the two.
    private var operation: (@Sendable (GatewayConnectionHandler, ChannelHandlerContext) throws -> T)?

    init(_ operation: @escaping @Sendable (GatewayConnectionHandler, ChannelHandlerContext) throws -> T) {
        self.operation = operation
    }

    func take() throws -> @Sendable (GatewayConnectionHandler, ChannelHandlerContext) throws -> T {
        defer { operation = nil }
        guard let operation else { throw ChannelError.ioOnClosedChannel }
        return operation
    }
}

/// Writes a response body to the connection, from the request's task.
struct ChannelResponseWriter: ResponseBodyWriter {
    let connection: ConnectionReference
    /// The response this writer belongs to: it can never write into the next one on the connection.
    let number: Int
    /// Flush after every write (a body of unknown length: a stream); else once at the end.
    let flushEachWrite: Bool

    mutating func write(_ buffer: ByteBuffer) async throws {
        let (flush, number) = (flushEachWrite, number)
        let mustWait = try await connection.run { handler, context in
            try handler.writeBody(buffer, flush: flush, number: number, context: context)
        }
        if mustWait {
            try await connection.run { handler, context in try handler.whenWritable(number: number, context: context) }.get()
        }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        let number = number
        try await connection.run { handler, context in
            try handler.finishResponse(trailers: trailingHeaders, number: number, context: context)
        }
    }
}
