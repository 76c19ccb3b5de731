import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A TCP server on 127.0.0.1 that answers each HTTP request with bytes a test scripts: for the faults a
/// well-behaved HTTP server never produces (a body cut short, a reset, silence, a close after a keep-alive
/// answer). It parses just enough of each request (head and `Content-Length` body) to know where it ends.
final class ScriptedServer: @unchecked Sendable {
    /// One step of an answer.
    enum Step: Sendable {
        case send(String)
        case sendBytes(Int)
        case pause(milliseconds: Int64)
        /// Close the connection (FIN).
        case close
        /// Reset the connection (RST): SO_LINGER 0, then close.
        case reset
    }

    /// A request as the server read it.
    struct Request: Sendable {
        var connection: Int
        var indexOnConnection: Int
        var head: String
        var body: String
        var method: Substring { head.prefix { $0 != " " } }
    }

    let group: MultiThreadedEventLoopGroup
    private var channel: (any Channel)?
    private let state = NIOLockedValueBox<(connections: Int, requests: [Request])>((0, []))
    private let script: @Sendable (Request) -> [Step]

    /// A server answering each request with `script(request)`.
    init(script: @escaping @Sendable (Request) -> [Step]) async throws {
        self.group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        self.script = script
        let server = self
        channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                let index = server.state.withLockedValue { state in
                    state.connections += 1
                    return state.connections - 1
                }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ScriptedConnection(server: server, connection: index))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    var port: Int { channel?.localAddress?.port ?? 0 }
    var url: String { "http://127.0.0.1:\(port)" }
    var connections: Int { state.withLockedValue { $0.connections } }
    var requests: [Request] { state.withLockedValue { $0.requests } }

    func received(_ request: Request) -> [Step] {
        state.withLockedValue { $0.requests.append(request) }
        return script(request)
    }

    func stop() async throws {
        try await channel?.close()
        try await group.shutdownGracefully()
    }

    /// A plain 200 answer with `body` and keep-alive.
    static func ok(_ body: String, headers: String = "") -> Step {
        .send("HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: \(body.utf8.count)\r\n\(headers)\r\n\(body)")
    }
}

private final class ScriptedConnection: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let server: ScriptedServer
    let connection: Int
    var pending = ByteBuffer()
    var served = 0
    var busy = false

    init(server: ScriptedServer, connection: Int) {
        self.server = server
        self.connection = connection
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending.writeBuffer(&buffer)
        nextRequest(context: context)
    }

    func nextRequest(context: ChannelHandlerContext) {
        guard !busy, let text = pending.getString(at: pending.readerIndex, length: pending.readableBytes),
            let headEnd = text.range(of: "\r\n\r\n")
        else { return }
        let head = String(text[..<headEnd.lowerBound])
        let length =
            head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
            .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
        let headBytes = text.utf8.distance(from: text.utf8.startIndex, to: headEnd.upperBound.samePosition(in: text.utf8)!)
        guard pending.readableBytes >= headBytes + length else { return }
        pending.moveReaderIndex(forwardBy: headBytes)
        let body = pending.readString(length: length) ?? ""
        let request = ScriptedServer.Request(connection: connection, indexOnConnection: served, head: head, body: body)
        served += 1
        busy = true
        run(server.received(request)[...], context: context)
    }

    func run(_ steps: ArraySlice<ScriptedServer.Step>, context: ChannelHandlerContext) {
        guard let step = steps.first else {
            busy = false
            nextRequest(context: context)
            return
        }
        let rest = steps.dropFirst()
        switch step {
        case .send(let text):
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text)), promise: nil)
            run(rest, context: context)
        case .sendBytes(let count):
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(repeating: UInt8(ascii: "x"), count: count)), promise: nil)
            run(rest, context: context)
        case .pause(let milliseconds):
            context.eventLoop.scheduleTask(in: .milliseconds(milliseconds)) { self.run(rest, context: context) }
        case .close:
            context.close(promise: nil)
        case .reset:
            if let provider = context.channel as? any SocketOptionProvider {
                _ = provider.setSoLinger(linger(l_onoff: 1, l_linger: 0))
            }
            context.close(promise: nil)
        }
    }
}
