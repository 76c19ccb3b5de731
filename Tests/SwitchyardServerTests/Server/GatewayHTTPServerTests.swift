import HTTPTypes
import Hummingbird
import Logging
import NIOConcurrencyHelpers
import NIOCore
import ServiceLifecycle
import SwitchyardCore
import Testing

@testable import SwitchyardServer

/// The gateway's own HTTP/1.1 server, driven over raw TCP: keep-alive, pipelining, closing rules,
/// body limits, malformed input, streamed bodies, backpressure, idle connections and graceful shutdown.
struct GatewayHTTPServerTests {
    /// A latch a route waits on, opened by the test.
    final class Gate: Sendable {
        private let opened = NIOLockedValueBox(false)
        func open() { opened.withLockedValue { $0 = true } }
        func wait() async {
            while !opened.withLockedValue({ $0 }) { try? await Task.sleep(for: .milliseconds(2)) }
        }
    }

    /// What the routes saw.
    final class Events: Sendable {
        private let box = NIOLockedValueBox([String]())
        func add(_ event: String) { box.withLockedValue { $0.append(event) } }
        var all: [String] { box.withLockedValue { $0 } }
    }

    static func router(gate: Gate, events: Events) -> Router<GatewayContext> {
        let router = Router(context: GatewayContext.self)
        router.get("/hello") { request, _ in
            "hello \(request.headers[HTTPField.Name("x-n")!] ?? "")"
        }
        router.post("/echo") { request, context in
            let body = try await request.body.collect(upTo: context.maxRequestBytes)
            return Response(status: .ok, body: ResponseBody(byteBuffer: body))
        }
        router.post("/size") { request, context -> Response in
            // The gateway's own body reading: the declared length first, then the bytes.
            do {
                let body = try await SwitchyardServer.RequestBody.collect(request, context: context)
                return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: "\(body.readableBytes)")))
            } catch let error as GatewayError {
                return error.response()
            }
        }
        router.get("/slow") { _, _ in
            await gate.wait()
            return "slow done"
        }
        router.get("/stream") { _, _ in
            Response(
                status: .ok,
                body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: "first;"))
                    await gate.wait()
                    try await writer.write(ByteBuffer(string: "second;"))
                    try await writer.finish(nil)
                })
        }
        router.get("/fixed") { _, _ in
            // With its head just over NIO's 64 KiB high-water mark: unwritable before anything was flushed.
            Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(repeating: UInt8(ascii: "f"), count: 65_500)))
        }
        router.get("/big") { _, _ in
            Response(
                status: .ok,
                body: ResponseBody { writer in
                    let chunk = ByteBuffer(repeating: UInt8(ascii: "x"), count: 64 * 1024)
                    do {
                        for _ in 0..<128 { try await writer.write(chunk) }
                        try await writer.finish(nil)
                        events.add("big finished")
                    } catch {
                        events.add("big failed")
                        throw error
                    }
                })
        }
        return router
    }

    /// Runs a server for `body`, then shuts it down gracefully and waits for it.
    static func withServer(
        maxRequestBytes: Int = 1000,
        idleTimeout: TimeAmount = .seconds(30),
        _ body: @Sendable (_ port: Int, _ gate: Gate, _ events: Events, _ shutdown: @Sendable () async -> Void) async throws -> Void
    ) async throws {
        let gate = Gate()
        let events = Events()
        let port = NIOLockedValueBox(0)
        let server = GatewayHTTPServer(
            host: "127.0.0.1",
            port: 0,
            responder: router(gate: gate, events: events).buildResponder(),
            maxRequestBytes: maxRequestBytes,
            idleTimeout: idleTimeout,
            logger: Logger(label: "test"),
            onRunning: { bound in port.withLockedValue { $0 = bound } }
        )
        let group = ServiceGroup(configuration: .init(services: [server], logger: Logger(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            while port.withLockedValue({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(2)) }
            try await body(port.withLockedValue { $0 }, gate, events) { await group.triggerGracefulShutdown() }
            gate.open()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    @Test func keepAliveServesRequestsInTurn() async throws {
        try await Self.withServer { port, _, _, _ in
            let connection = try await RawHTTPConnection.connect(port: port)
            try await connection.send("GET /hello HTTP/1.1\r\nHost: a\r\nx-n: 1\r\n\r\n")
            #expect(await connection.waitForResponses(1).first?.body == "hello 1")
            try await connection.send("GET /hello HTTP/1.1\r\nHost: a\r\nx-n: 2\r\n\r\n")
            let responses = await connection.waitForResponses(2)
            #expect(responses.map(\.body) == ["hello 1", "hello 2"])
            #expect(responses.allSatisfy { $0.header("date") != nil && $0.header("connection") == nil })
            #expect(!connection.isClosed)
            await connection.close()
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        try await Self.withServer { port, gate, _, _ in
            let connection = try await RawHTTPConnection.connect(port: port)
            // The first one waits for the gate; the others arrive in the same write behind it.
            try await connection.send(
                "GET /slow HTTP/1.1\r\nHost: a\r\n\r\nPOST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabcGET /hello HTTP/1.1\r\nHost: a\r\nx-n: 3\r\n\r\n"
            )
            try await Task.sleep(for: .milliseconds(50))
            #expect(connection.receivedCount == 0)
            gate.open()
            let responses = await connection.waitForResponses(3)
            #expect(responses.map(\.body) == ["slow done", "abc", "hello 3"])
            await connection.close()
        }
    }

    @Test func connectionCloseAndHTTP10CloseAfterTheResponse() async throws {
        try await Self.withServer { port, _, _, _ in
            let asked = try await RawHTTPConnection.connect(port: port)
            try await asked.send("GET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
            #expect(await asked.wait { text, closed in closed && text.contains("hello") })
            #expect(RawResponse.parse(asked.text).first?.header("connection") == "close")

            let old = try await RawHTTPConnection.connect(port: port)
            try await old.send("GET /hello HTTP/1.0\r\n\r\n")
            #expect(await old.wait { text, closed in closed && text.hasPrefix("HTTP/1.0 200") })

            let oldKeepAlive = try await RawHTTPConnection.connect(port: port)
            try await oldKeepAlive.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(await oldKeepAlive.waitForResponses(1).count == 1)
            try await Task.sleep(for: .milliseconds(50))
            #expect(!oldKeepAlive.isClosed)
            await oldKeepAlive.close()
        }
    }

    @Test func halfClosedClientStillGetsItsAnswer() async throws {
        try await Self.withServer { port, _, _, _ in
            let connection = try await RawHTTPConnection.connect(port: port)
            try await connection.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi")
            try await connection.shutdownOutput()
            #expect(await connection.wait { text, closed in closed && text.hasSuffix("hi") })
        }
    }

    @Test func declaredBodyOverTheLimitIsRefusedAndTheConnectionGoesOn() async throws {
        try await Self.withServer(maxRequestBytes: 100) { port, _, _, _ in
            let connection = try await RawHTTPConnection.connect(port: port)
            try await connection.send("POST /size HTTP/1.1\r\nHost: a\r\nContent-Length: 300\r\n\r\n")
            // Answered before the body is sent.
            #expect(await connection.waitForResponses(1).first?.status == 413)
            try await connection.send(String(repeating: "y", count: 300) + "GET /hello HTTP/1.1\r\nHost: a\r\nx-n: after\r\n\r\n")
            let responses = await connection.waitForResponses(2)
            #expect(responses.map(\.status) == [413, 200])
            #expect(responses.last?.body == "hello after")
            await connection.close()
        }
    }

    @Test func chunkedBodyOverTheLimitIsRefused() async throws {
        try await Self.withServer(maxRequestBytes: 100) { port, _, _, _ in
            let connection = try await RawHTTPConnection.connect(port: port)
            try await connection.send("POST /size HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n")
            try await connection.send("50\r\n" + String(repeating: "a", count: 80) + "\r\n")
            try await connection.send("50\r\n" + String(repeating: "b", count: 80) + "\r\n0\r\n\r\n")
            let refused = await connection.waitForResponses(1)
            #expect(refused.first?.status == 413, "\(connection.text)")
            // Within the limit, chunked bodies are collected whole.
            try await connection.send("POST /size HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n3\r\nabc\r\n0\r\n\r\n")
            #expect(await connection.waitForResponses(2).last?.body == "8")
            await connection.close()
        }
    }

    @Test func aClientThatKeepsSendingPastTheLimitIsCutOff() async throws {
        try await Self.withServer(maxRequestBytes: 100) { port, _, _, _ in
            let connection = try await RawHTTPConnection.connect(port: port)
            try await connection.send("POST /size HTTP/1.1\r\nHost: a\r\nContent-Length: 100000000\r\n\r\n")
            #expect(await connection.waitForResponses(1).first?.status == 413)
            for _ in 0..<40 {
                try? await connection.send([UInt8](repeating: 0x61, count: 64 * 1024))
                if connection.isClosed { break }
            }
            #expect(await connection.wait { _, closed in closed })
        }
    }

    @Test func malformedRequestGets400AndClose() async throws {
        try await Self.withServer { port, _, _, _ in
            let connection = try await RawHTTPConnection.connect(port: port)
            try await connection.send("THIS IS NOT HTTP\r\n\r\n")
            #expect(await connection.wait { text, closed in closed && text.hasPrefix("HTTP/1.1 400") })
            let response = RawResponse.parse(connection.text).first
            #expect(response?.body.contains(#""code":"malformed_http""#) == true)
            #expect(response?.header("connection") == "close")
            // The server goes on serving.
            let next = try await RawHTTPConnection.connect(port: port)
            try await next.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(await next.waitForResponses(1).first?.status == 200)
            await next.close()
        }
    }

    @Test func expectContinueIsAnswered() async throws {
        try await Self.withServer { port, _, _, _ in
            let connection = try await RawHTTPConnection.connect(port: port)
            try await connection.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
            #expect(await connection.wait { text, _ in text.hasPrefix("HTTP/1.1 100 Continue\r\n\r\n") })
            try await connection.send("body")
            let responses = await connection.waitForResponses(2)
            #expect(responses.map(\.status) == [100, 200])
            #expect(responses.last?.body == "body")
            await connection.close()
        }
    }

    @Test func headAnswersCarryNoBody() async throws {
        try await Self.withServer { port, _, _, _ in
            let connection = try await RawHTTPConnection.connect(port: port)
            try await connection.send("HEAD /hello HTTP/1.1\r\nHost: a\r\n\r\nGET /hello HTTP/1.1\r\nHost: a\r\nx-n: 2\r\n\r\n")
            #expect(await connection.wait { text, _ in text.contains("hello 2") })
            #expect(!connection.text.contains("hello \r\n") && connection.text.components(separatedBy: "hello").count == 2)
            await connection.close()
        }
    }

    @Test func streamedChunksLeaveOneByOne() async throws {
        try await Self.withServer { port, gate, _, _ in
            let connection = try await RawHTTPConnection.connect(port: port)
            try await connection.send("GET /stream HTTP/1.1\r\nHost: a\r\n\r\n")
            // The first chunk reaches the client while the route still holds the second.
            #expect(await connection.wait { text, _ in text.contains("first;") })
            #expect(!connection.text.contains("second;"))
            #expect(connection.text.lowercased().contains("transfer-encoding: chunked"))
            gate.open()
            #expect(await connection.wait { text, _ in text.contains("second;") && text.hasSuffix("0\r\n\r\n") })
            await connection.close()
        }
    }

    @Test func aSlowReaderGetsEveryByteOfABigBody() async throws {
        try await Self.withServer { port, _, events, _ in
            let connection = try await RawHTTPConnection.connect(port: port, autoRead: false)
            try await connection.send("GET /big HTTP/1.1\r\nHost: a\r\n\r\n")
            connection.read()
            try await Task.sleep(for: .milliseconds(100))
            // The server waits for the client instead of buffering 8 MB.
            #expect(events.all.isEmpty)
            var rounds = 0
            while !connection.endsWith("0\r\n\r\n"), rounds < 20_000 {
                connection.read()
                try await Task.sleep(for: .microseconds(200))
                rounds += 1
            }
            #expect(connection.count(of: UInt8(ascii: "x")) == 128 * 64 * 1024)
            #expect(events.all == ["big finished"])
            await connection.close()
        }
    }

    @Test func aClientThatLeavesMidStreamFailsTheWriter() async throws {
        try await Self.withServer { port, _, events, _ in
            let connection = try await RawHTTPConnection.connect(port: port, autoRead: false)
            try await connection.send("GET /big HTTP/1.1\r\nHost: a\r\n\r\n")
            connection.read()
            try await Task.sleep(for: .milliseconds(50))
            await connection.close()
            let deadline = ContinuousClock.now + .seconds(5)
            while events.all.isEmpty, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
            #expect(events.all == ["big failed"])
            let next = try await RawHTTPConnection.connect(port: port)
            try await next.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(await next.waitForResponses(1).first?.status == 200)
            await next.close()
        }
    }

    @Test func idleConnectionsCloseButLongAnswersAreNotCut() async throws {
        try await Self.withServer(idleTimeout: .milliseconds(300)) { port, gate, _, _ in
            let idle = try await RawHTTPConnection.connect(port: port)
            let busy = try await RawHTTPConnection.connect(port: port)
            try await busy.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(await idle.wait(seconds: 3) { _, closed in closed })
            // The slow answer took longer than the idle timeout; its connection is still open.
            try await Task.sleep(for: .milliseconds(400))
            #expect(!busy.isClosed)
            gate.open()
            #expect(await busy.waitForResponses(1).first?.body == "slow done")
            #expect(await busy.wait(seconds: 3) { _, closed in closed })
        }
    }

    @Test func gracefulShutdownFinishesRequestsInFlight() async throws {
        try await Self.withServer { port, gate, _, shutdown in
            let idle = try await RawHTTPConnection.connect(port: port)
            try await idle.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n")
            _ = await idle.waitForResponses(1)
            let busy = try await RawHTTPConnection.connect(port: port)
            try await busy.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n")
            try await Task.sleep(for: .milliseconds(50))
            await shutdown()
            #expect(await idle.wait { _, closed in closed })
            #expect(!busy.isClosed)
            gate.open()
            let responses = await busy.waitForResponses(1)
            #expect(responses.first?.body == "slow done")
            #expect(responses.first?.header("connection") == "close")
            #expect(await busy.wait { _, closed in closed })
            // No new connections are accepted.
            await #expect(throws: (any Error).self) { _ = try await RawHTTPConnection.connect(port: port) }
        }
    }

    @Test func aFixedLengthBodyAtTheWriteBufferLimitIsDelivered() async throws {
        try await Self.withServer { port, _, _, _ in
            let connection = try await RawHTTPConnection.connect(port: port)
            try await connection.send("GET /fixed HTTP/1.1\r\nHost: a\r\n\r\nGET /hello HTTP/1.1\r\nHost: a\r\nx-n: next\r\n\r\n")
            let responses = await connection.waitForResponses(2)
            #expect(responses.first?.body.utf8.count == 65_500)
            #expect(responses.last?.body == "hello next")
            await connection.close()
        }
    }

    @Test func aChunkedUploadIsCutOffAtTheLimitWhileItIsStillBeingSent() async throws {
        try await Self.withServer(maxRequestBytes: 100_000) { port, _, _, _ in
            let connection = try await RawHTTPConnection.connect(port: port)
            try await connection.send("POST /size HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n")
            let chunk = "10000\r\n" + String(repeating: "c", count: 65_536) + "\r\n"
            var sent = 0
            while sent < 64, !connection.text.contains(" 413 ") {
                try? await connection.send(chunk)
                sent += 1
                try await Task.sleep(for: .milliseconds(10))
            }
            // Refused after about two chunks (the limit), not after the 4 MB the client meant to send.
            #expect(RawResponse.parse(connection.text).first?.status == 413)
            #expect(sent < 10)
            await connection.close()
        }
    }

    @Test func anHTTP10KeepAliveStreamEndsByClosing() async throws {
        try await Self.withServer { port, gate, _, _ in
            gate.open()
            let connection = try await RawHTTPConnection.connect(port: port)
            // No chunked encoding in HTTP/1.0: the end of a body of unknown length is the close.
            try await connection.send("GET /stream HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(await connection.wait { text, closed in closed && text.hasSuffix("first;second;") })
            #expect(connection.text.lowercased().contains("connection: close"))
            // With a known length, HTTP/1.0 keep-alive is kept and said.
            let kept = try await RawHTTPConnection.connect(port: port)
            try await kept.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(await kept.waitForResponses(1).first?.header("connection") == "keep-alive")
            await kept.close()
        }
    }

    @Test func anUpgradeRequestIsTheLastOnItsConnection() async throws {
        try await Self.withServer { port, _, _, _ in
            let connection = try await RawHTTPConnection.connect(port: port)
            try await connection.send("GET /hello HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n")
            #expect(await connection.wait { text, closed in closed && text.contains("hello") })
            #expect(RawResponse.parse(connection.text).first?.header("connection") == "close")
        }
    }

    @Test func absoluteFormTargetsKeepTheirPath() {
        #expect(GatewayConnectionHandler.path(of: "/v1/models?x=1") == "/v1/models?x=1")
        #expect(GatewayConnectionHandler.path(of: "http://gw:4000/v1/models?x=1") == "/v1/models?x=1")
        #expect(GatewayConnectionHandler.path(of: "http://gw:4000") == "/")
        #expect(GatewayConnectionHandler.path(of: "http://gw:4000?x=1") == "/?x=1")
        #expect(GatewayConnectionHandler.path(of: "*") == "*")
    }

    @Test func dateHeaderFormat() {
        #expect(HTTPDate.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.format(1_796_319_008) == "Thu, 03 Dec 2026 17:30:08 GMT")
    }
}
