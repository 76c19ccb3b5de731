import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1
import SwitchyardCore
import SwitchyardEngine

/// What every connection of one server shares.
struct ConnectionSettings: Sendable {
    /// Answers one request (the gateway's router, middleware included).
    let respond: @Sendable (Request, GatewayContext) async throws -> Response
    /// `general_settings.max_request_size_mb` in bytes.
    let maxRequestBytes: Int
    /// How long a connection may stay without a request in progress (idle keep-alive, or a request
    /// whose head or body stopped arriving) before it is closed.
    let idleTimeout: TimeAmount
    /// The logger each request's context starts from.
    let logger: Logger
}

/// One HTTP/1.1 connection of the gateway: collects each request's body on the event loop, starts one
/// task per request on the same loop, and writes the response straight to the channel.
///
/// Requests on a connection are answered in order. Requests a client pipelines while one is being
/// answered wait in `pending`, and socket reads stop while any wait (NIO's pipelining handler does the
/// same by toggling read interest on every request; this one only when a client actually pipelines).
/// A response body without a known length is flushed chunk by chunk (a stream's chunks are never
/// coalesced); a writer waits while the channel is not writable. The connection closes after the
/// response when the client asked for it (`Connection: close`, HTTP/1.0 without keep-alive), when the
/// server is shutting down, after a malformed request, and when it has been idle for `idleTimeout`.
final class GatewayConnectionHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private enum Phase {
        /// Waiting for a request head.
        case idle
        /// A head arrived; its body is being collected.
        case reading
        /// A request is being answered.
        case responding
        /// The channel is closed or closing.
        case closed
    }

    private let settings: ConnectionSettings
    private var phase = Phase.idle
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()
    /// Body parts of a request that was answered before its body ended (over the size limit) are dropped.
    private var discardingBody = false
    private var discardedBytes = 0
    /// Parts of requests the client sent while one was being answered.
    private var pending = CircularBuffer<HTTPServerRequestPart>()
    private var readHeld = false
    private var keepAlive = true
    private var closeAfterResponse = false
    private var inputClosed = false
    private var unflushedBytes = 0
    private var writable: EventLoopPromise<Void>?
    /// Since when a writer waits for the client to read (a client that stops reading is cut off after
    /// the idle timeout), and since when a last response is being written before the close.
    private var stalledSince: NIODeadline?
    private var lastActivity = NIODeadline.now()
    /// Counts the requests dispatched on this connection: a task's checks apply to its own response only.
    private var dispatched = 0
    private var idleCheck: Scheduled<Void>?

    init(settings: ConnectionSettings) {
        self.settings = settings
    }

    // MARK: Inbound

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { scheduleIdleCheck(context: context, at: .now() + settings.idleTimeout) }
    }

    func channelActive(context: ChannelHandlerContext) {
        if idleCheck == nil { scheduleIdleCheck(context: context, at: .now() + settings.idleTimeout) }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        lastActivity = .now()
        handle(unwrapInboundIn(data), context: context)
    }

    private func handle(_ part: HTTPServerRequestPart, context: ChannelHandlerContext) {
        if discardingBody {
            discard(part, context: context)
            return
        }
        switch phase {
        case .closed:
            return
        case .responding:
            pending.append(part)
        case .idle, .reading:
            receive(part, context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        phase = .closed
        pending.removeAll()
        idleCheck?.cancel()
        idleCheck = nil
        writable?.fail(ChannelError.ioOnClosedChannel)
        writable = nil
        context.fireChannelInactive()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable, let writable {
            self.writable = nil
            stalledSince = nil
            writable.succeed()
        }
        context.fireChannelWritabilityChanged()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case ChannelEvent.inputClosed:
            inputClosed = true
            // A request cut off in the middle can never be answered; a finished one still is.
            if phase == .reading || (phase == .idle && pending.isEmpty) { close(context: context) }
        case is ChannelShouldQuiesceEvent:
            // A request already begun is finished; an idle connection closes now; one already closing
            // after its last response is left to finish writing it.
            switch phase {
            case .responding, .reading: closeAfterResponse = true
            case .idle: close(context: context)
            case .closed: break
            }
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is HTTPParserError, phase != .closed, !discardingBody else {
            // Not a malformed request that still needs its answer (an I/O error, a connection already
            // closing, or garbage in a body that was already answered): close.
            close(context: context)
            return
        }
        // The decoder stops at a malformed request: answer 400 when nothing else is being answered,
        // then close; the requests after it cannot be trusted.
        pending.removeAll()
        if phase == .responding {
            closeAfterResponse = true
            return
        }
        writeError(
            GatewayError(.badRequest, "The request could not be parsed as HTTP/1.1.", code: "malformed_http"), version: .http1_1, context: context)
    }

    // MARK: Outbound

    func read(context: ChannelHandlerContext) {
        if phase == .responding, !pending.isEmpty {
            readHeld = true
        } else {
            context.read()
        }
    }

    // MARK: Requests

    private func receive(_ part: HTTPServerRequestPart, context: ChannelHandlerContext) {
        switch part {
        case .head(let head):
            self.head = head
            phase = .reading
            if let length = head.headers.first(name: "content-length").flatMap(Int.init), length > settings.maxRequestBytes {
                // Answered at once: body reading refuses a declared length over the limit (413) before
                // reading anything; the body that follows is dropped.
                discardingBody = true
                discardedBytes = 0
                // A client that sent `Expect: 100-continue` may never send the body this would wait for.
                if head.headers.contains(name: "expect") { closeAfterResponse = true }
                dispatch(head, body: ByteBuffer(), context: context)
            } else if head.headers.first(name: "expect")?.lowercased() == "100-continue" {
                context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .continue))), promise: nil)
            }
        case .body(var chunk):
            guard phase == .reading, let head else { return }
            if body.readableBytes == 0 {
                body = chunk
            } else {
                body.writeBuffer(&chunk)
            }
            if body.readableBytes > settings.maxRequestBytes {
                // A chunked body over the limit: what was read is handed over, and body reading answers 413.
                discardingBody = true
                discardedBytes = 0
                let read = body
                dispatch(head, body: read, context: context)
            }
        case .end:
            guard phase == .reading, let head else { return }
            let read = body
            dispatch(head, body: read, context: context)
        }
    }

    /// Drops a part of a body that was already answered; the connection closes when a client goes on
    /// sending far past the limit.
    private func discard(_ part: HTTPServerRequestPart, context: ChannelHandlerContext) {
        switch part {
        case .head:
            // The decoder guarantees an end before the next head.
            discardingBody = false
            handle(part, context: context)
        case .body(let chunk):
            discardedBytes += chunk.readableBytes
            if discardedBytes > max(settings.maxRequestBytes, 1 << 20) {
                if phase == .responding { closeAfterResponse = true } else { close(context: context) }
            }
        case .end:
            discardingBody = false
            if phase == .idle { resumeAfterResponse(context: context) }
        }
    }

    private func dispatch(_ head: HTTPRequestHead, body: ByteBuffer, context: ChannelHandlerContext) {
        phase = .responding
        dispatched &+= 1
        self.head = nil
        self.body = ByteBuffer()
        keepAlive = head.isKeepAlive
        // NIO's decoder stops parsing after a request that asks to upgrade the protocol (h2c, WebSocket) or
        // CONNECT: nothing after it on this connection would be read, so it is the last.
        if head.method == .CONNECT || head.headers.contains(name: "upgrade") { closeAfterResponse = true }
        guard let request = try? Self.request(from: head, body: body) else {
            closeAfterResponse = true
            writeError(GatewayError(.badRequest, "The request method is not valid.", code: "invalid_method"), version: head.version, context: context)
            return
        }
        Self.start(
            request, body: body, number: dispatched, version: head.version, settings: settings, channel: context.channel,
            connection: ConnectionReference(handler: self, context: context))
    }

    /// Starts the request's task.
    ///
    /// It runs on this connection's event loop without asking: `switchyard serve` makes NIO's loops
    /// Swift's global executor (`NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor`),
    /// which puts a job on the loop it is enqueued from. A task executor preference did the same at a
    /// cost: the runtime reads it under a lock on every hop, and throughput at 64 connections fell by
    /// 15–25 % (docs/performance.md).
    private static func start(
        _ request: Request,
        body: ByteBuffer,
        number: Int,
        version: HTTPVersion,
        settings: ConnectionSettings,
        channel: any Channel,
        connection: ConnectionReference
    ) {
        Task {
            await respond(to: request, body: body, number: number, version: version, settings: settings, channel: channel, connection: connection)
        }
    }

    /// Runs the responder and writes its answer; a failure while writing closes the connection.
    private static func respond(
        to request: Request,
        body: ByteBuffer,
        number: Int,
        version: HTTPVersion,
        settings: ConnectionSettings,
        channel: any Channel,
        connection: ConnectionReference
    ) async {
        var context = GatewayContext(source: .init(channel: channel, logger: settings.logger))
        context.maxRequestBytes = settings.maxRequestBytes
        context.receivedBody = body
        var response: Response
        do {
            response = try await settings.respond(request, context)
        } catch {
            settings.logger.error("request failed outside the error middleware", metadata: ["error": "\(error)"])
            response = GatewayError(.internalError, "Internal error.", code: "internal_error").response()
        }
        response.headers[.date] = HTTPDate.now()
        let head = HTTPResponseHead(
            version: version,
            status: HTTPResponseStatus(statusCode: response.status.code, reasonPhrase: response.status.reasonPhrase),
            headers: HTTPHeaders(response.headers)
        )
        let writer = ChannelResponseWriter(connection: connection, number: number, flushEachWrite: response.body.contentLength == nil)
        do {
            try await connection.run { handler, context in handler.writeHead(head, context: context) }
            try await response.body.write(writer)
            // A body that returned without finishing leaves a response no client can delimit: close.
            try? await connection.run { handler, context in
                if handler.dispatched == number, handler.phase == .responding { handler.close(context: context) }
            }
        } catch {
            try? await connection.run { handler, context in
                if handler.dispatched == number { handler.close(context: context) }
            }
        }
    }

    /// The Hummingbird request for a head and its collected body.
    static func request(from head: HTTPRequestHead, body: ByteBuffer) throws -> Request {
        let method = try HTTPRequest.Method(head.method)
        let fields = HTTPFields(head.headers, splitCookie: false)
        let target = HTTPRequest(
            method: method, scheme: "http", authority: head.headers.first(name: "host"), path: path(of: head.uri), headerFields: fields)
        return Request(head: target, body: Hummingbird.RequestBody(buffer: body))
    }

    /// The origin-form path of a request target; an absolute-form target (`http://host/path?q`) keeps its
    /// path and query.
    static func path(of uri: String) -> String {
        if uri.utf8.first == UInt8(ascii: "/") { return uri }
        guard let scheme = uri.range(of: "://") else { return uri.isEmpty ? "/" : uri }
        let afterAuthority = uri[scheme.upperBound...]
        guard let slash = afterAuthority.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
        let rest = afterAuthority[slash...]
        return rest.first == "?" ? "/" + rest : String(rest)
    }

    // MARK: Writing (on the loop, from the request's task)

    func writeHead(_ head: HTTPResponseHead, context: ChannelHandlerContext) {
        var head = head
        if keepAlive, head.version.major == 1, head.version.minor == 0 {
            // HTTP/1.0 has no chunked encoding: a body of unknown length ends when the connection closes.
            if head.headers.contains(name: "content-length") {
                head.headers.replaceOrAdd(name: "connection", value: "keep-alive")
            } else {
                keepAlive = false
            }
        }
        if !keepAlive || closeAfterResponse || inputClosed {
            head.headers.replaceOrAdd(name: "connection", value: "close")
            keepAlive = false
        }
        unflushedBytes = 0
        context.write(wrapOutboundOut(.head(head)), promise: nil)
    }

    /// Writes part of the body of response `number`; returns whether the writer must wait for the channel
    /// to drain.
    func writeBody(_ buffer: ByteBuffer, flush: Bool, number: Int, context: ChannelHandlerContext) throws -> Bool {
        guard phase == .responding, dispatched == number, context.channel.isActive else { throw ChannelError.ioOnClosedChannel }
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        unflushedBytes += buffer.readableBytes
        // Unflushed bytes count toward the channel's high-water mark too: flushing before waiting for
        // writability is what lets the channel become writable again.
        if flush || unflushedBytes >= 32 * 1024 || !context.channel.isWritable {
            unflushedBytes = 0
            context.flush()
        }
        return !context.channel.isWritable
    }

    /// A future that completes when the channel can take more.
    func whenWritable(number: Int, context: ChannelHandlerContext) throws -> EventLoopFuture<Void> {
        guard phase == .responding, dispatched == number, context.channel.isActive else { throw ChannelError.ioOnClosedChannel }
        if context.channel.isWritable { return context.eventLoop.makeSucceededVoidFuture() }
        if let writable { return writable.futureResult }
        let promise = context.eventLoop.makePromise(of: Void.self)
        writable = promise
        stalledSince = .now()
        return promise.futureResult
    }

    func finishResponse(trailers: HTTPFields?, number: Int, context: ChannelHandlerContext) throws {
        guard phase == .responding, dispatched == number, context.channel.isActive else { throw ChannelError.ioOnClosedChannel }
        let end = HTTPServerResponsePart.end(trailers.map { HTTPHeaders($0) })
        if !keepAlive || closeAfterResponse || (inputClosed && pending.isEmpty) {
            closeAfterWriting(end, context: context)
            return
        }
        context.writeAndFlush(wrapOutboundOut(end), promise: nil)
        phase = .idle
        lastActivity = .now()
        resumeAfterResponse(context: context)
    }

    /// After a response: the next pipelined request, held reads, or the close a half-closed client asked for.
    private func resumeAfterResponse(context: ChannelHandlerContext) {
        while phase != .responding, phase != .closed, !discardingBody, let part = pending.popFirst() {
            receive(part, context: context)
        }
        if discardingBody, phase != .closed {
            while discardingBody, let part = pending.popFirst() { discard(part, context: context) }
        }
        if readHeld, pending.isEmpty, phase != .closed {
            readHeld = false
            context.read()
        }
        if phase == .idle, inputClosed, pending.isEmpty { close(context: context) }
    }

    /// Answers a request the router never saw (not HTTP, an invalid method) with `error`, then closes.
    private func writeError(_ error: GatewayError, version: HTTPVersion, context: ChannelHandlerContext) {
        var buffer = context.channel.allocator.buffer(capacity: 256)
        error.body.write(to: &buffer)
        let headers: HTTPHeaders = [
            "content-type": "application/json", "content-length": String(buffer.readableBytes), "connection": "close",
        ]
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: version, status: .init(statusCode: error.status), headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        closeAfterWriting(.end(nil), context: context)
    }

    /// Writes the last part and closes once it is written (closing at once could drop it unsent).
    private func closeAfterWriting(_ part: HTTPServerResponsePart, context: ChannelHandlerContext) {
        phase = .closed
        stalledSince = .now()
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(part), promise: written)
        let boundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
        written.futureResult.whenComplete { _ in boundContext.value.close(promise: nil) }
    }

    func close(context: ChannelHandlerContext) {
        guard phase != .closed || context.channel.isActive else { return }
        phase = .closed
        pending.removeAll()
        context.close(promise: nil)
    }

    // MARK: Idle connections

    private func scheduleIdleCheck(context: ChannelHandlerContext, at deadline: NIODeadline) {
        let connection = NIOLoopBound(self, eventLoop: context.eventLoop)
        let boundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
        idleCheck = context.eventLoop.scheduleTask(deadline: deadline) {
            connection.value.idleCheckFired(context: boundContext.value)
        }
    }

    private func idleCheckFired(context: ChannelHandlerContext) {
        idleCheck = nil
        let now = NIODeadline.now()
        if let stalledSince, now - stalledSince >= settings.idleTimeout, context.channel.isActive {
            // The client has not read for the whole timeout while a response waits for it.
            context.close(promise: nil)
            return
        }
        switch phase {
        case .closed:
            // Closing once its last response is written; checked again in case the client never reads it.
            if context.channel.isActive { scheduleIdleCheck(context: context, at: now + settings.idleTimeout) }
        case .responding:
            // A long answer (a slow model, a long stream) is never cut by the idle timeout; a client that
            // stops reading it is (above).
            scheduleIdleCheck(context: context, at: now + settings.idleTimeout)
        case .idle, .reading:
            let due = lastActivity + settings.idleTimeout
            if due <= now {
                close(context: context)
            } else {
                scheduleIdleCheck(context: context, at: due)
            }
        }
    }
}
