import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A TCP connection that sends exactly the bytes a test writes and records every byte that comes
/// back, to test the HTTP server below any HTTP client's own behaviour (pipelining, half-close,
/// malformed requests, reading slowly).
final class RawHTTPConnection: Sendable {
    private final class Collector: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let received = NIOLockedValueBox((bytes: [UInt8](), closed: false))

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            received.withLockedValue { $0.bytes += buffer.readableBytesView }
        }

        func channelInactive(context: ChannelHandlerContext) {
            received.withLockedValue { $0.closed = true }
        }

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            // The server closed its side (this side may still be open: half-closure is allowed).
            if case ChannelEvent.inputClosed = event { received.withLockedValue { $0.closed = true } }
        }
    }

    private let channel: any Channel
    private let collector: Collector

    private init(channel: any Channel, collector: Collector) {
        self.channel = channel
        self.collector = collector
    }

    /// Connects to `127.0.0.1:port`; `autoRead: false` lets a test read only when it asks (a slow client).
    static func connect(port: Int, autoRead: Bool = true) async throws -> RawHTTPConnection {
        let collector = Collector()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(ChannelOptions.autoRead, value: autoRead)
            .channelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(collector) }
            }
            .connect(host: "127.0.0.1", port: port)
            .get()
        return RawHTTPConnection(channel: channel, collector: collector)
    }

    func send(_ text: String) async throws {
        try await send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(ByteBuffer(bytes: bytes))
    }

    /// Closes the sending side only (the server still answers what it received).
    func shutdownOutput() async throws {
        try await channel.close(mode: .output)
    }

    func close() async {
        try? await channel.close()
    }

    /// Asks the socket for one more read (for a connection made with `autoRead: false`).
    func read() {
        channel.read()
    }

    /// Everything received so far, as text.
    var text: String { String(decoding: collector.received.withLockedValue { $0.bytes }, as: UTF8.self) }
    var receivedCount: Int { collector.received.withLockedValue { $0.bytes.count } }
    var isClosed: Bool { collector.received.withLockedValue { $0.closed } }

    /// Whether the bytes received so far end with `suffix` (without copying them all, for big bodies).
    func endsWith(_ suffix: String) -> Bool {
        let tail = Array(suffix.utf8)
        return collector.received.withLockedValue { $0.bytes.count >= tail.count && $0.bytes.suffix(tail.count).elementsEqual(tail) }
    }

    /// How many of the bytes received so far are `byte`.
    func count(of byte: UInt8) -> Int {
        collector.received.withLockedValue { received in received.bytes.reduce(0) { $0 + ($1 == byte ? 1 : 0) } }
    }

    /// Waits (up to `seconds`) until `condition` holds for the text received; returns whether it did.
    @discardableResult
    func wait(seconds: Double = 5, until condition: (String, Bool) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            let (bytes, closed) = collector.received.withLockedValue { ($0.bytes, $0.closed) }
            if condition(String(decoding: bytes, as: UTF8.self), closed) { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        let (bytes, closed) = collector.received.withLockedValue { ($0.bytes, $0.closed) }
        return condition(String(decoding: bytes, as: UTF8.self), closed)
    }

    /// Waits until `count` complete responses (heads and bodies with `content-length`) arrived.
    func waitForResponses(_ count: Int, seconds: Double = 5) async -> [RawResponse] {
        var responses: [RawResponse] = []
        await wait(seconds: seconds) { text, _ in
            responses = RawResponse.parse(text)
            return responses.count >= count
        }
        return responses
    }
}

/// A response parsed from raw bytes (heads, and bodies delimited by `content-length`).
struct RawResponse {
    var status: Int
    var headers: [(String, String)]
    var body: String

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// Every complete response in `text`, in order; interim (1xx) responses included.
    static func parse(_ text: String) -> [RawResponse] {
        var responses: [RawResponse] = []
        var rest = Substring(text)
        while let headEnd = rest.range(of: "\r\n\r\n") {
            let lines = rest[..<headEnd.lowerBound].components(separatedBy: "\r\n")
            guard let statusLine = lines.first, statusLine.hasPrefix("HTTP/"), statusLine.split(separator: " ").count >= 2,
                let status = Int(statusLine.split(separator: " ")[1])
            else { break }
            let headers = lines.dropFirst().compactMap { line -> (String, String)? in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            }
            var response = RawResponse(status: status, headers: headers, body: "")
            let afterHead = rest[headEnd.upperBound...]
            let length = response.header("content-length").flatMap(Int.init) ?? 0
            guard afterHead.utf8.count >= length else { break }
            let bodyEnd = afterHead.utf8.index(afterHead.startIndex, offsetBy: length)
            response.body = String(afterHead[..<bodyEnd])
            responses.append(response)
            rest = afterHead[bodyEnd...]
        }
        return responses
    }
}
