import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Testing

@testable import SwitchyardHTTP

/// The client against real sockets: a ``ScriptedServer`` on loopback plays each fault.
@Suite struct UpstreamHTTPClientTests {
    /// One event loop: the tests' tasks run on Swift's pool, not on NIO's loops as the gateway's do, and each
    /// loop has pools of its own; with one loop, every request of a test shares one pool.
    static let loop = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    func client(_ configure: (inout UpstreamHTTPClient.Configuration) -> Void = { _ in }) throws -> UpstreamHTTPClient {
        var configuration = UpstreamHTTPClient.Configuration()
        configure(&configuration)
        return try UpstreamHTTPClient(group: Self.loop, configuration: configuration)
    }

    func post(
        _ client: UpstreamHTTPClient,
        _ url: String,
        body: String = "{}",
        headers: HTTPHeaders = [:],
        timeout: TimeAmount = .seconds(5)
    ) async throws -> UpstreamHTTPResponse {
        try await client.execute(method: .POST, url: url, headers: headers, body: ByteBuffer(string: body), timeout: timeout)
    }

    func text(_ body: UpstreamResponseBody) async throws -> String {
        var collected = ByteBuffer()
        while var chunk = try await body.next() { collected.writeBuffer(&chunk) }
        return String(buffer: collected)
    }

    func expectError(_ kind: UpstreamHTTPError.Kind, _ operation: () async throws -> Void) async {
        do {
            try await operation()
            Issue.record("expected \(kind), got success")
        } catch let error as UpstreamHTTPError {
            #expect(error.kind == kind, "\(error)")
        } catch {
            Issue.record("expected \(kind), got \(error)")
        }
    }

    @Test func sendsHeadAndBodyAndReusesTheKeptAliveConnection() async throws {
        let server = try await ScriptedServer { request in [ScriptedServer.ok("echo:\(request.body)")] }
        let client = try client()
        for index in 0..<3 {
            let response = try await post(client, "\(server.url)/v1/chat/completions?x=1", body: "hello \(index)")
            #expect(response.head.status == .ok)
            #expect(try await text(response.body) == "echo:hello \(index)")
        }
        #expect(server.connections == 1)
        let head = try #require(server.requests.first?.head)
        #expect(head.hasPrefix("POST /v1/chat/completions?x=1 HTTP/1.1"))
        #expect(head.lowercased().contains("host: 127.0.0.1:\(server.port)"))
        #expect(head.lowercased().contains("content-length: 7"))
        await client.shutdown()
        try await server.stop()
    }

    @Test func aBodyCutShortByAResetFailsTheBodyNotTheProcess() async throws {
        let server = try await ScriptedServer { _ in
            [.send("HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\npartial"), .pause(milliseconds: 20), .reset]
        }
        let client = try client()
        let response = try await post(client, server.url)
        #expect(response.head.status == .ok)
        await expectError(.closedMidBody) { _ = try await text(response.body) }
        try await server.stop()
        await client.shutdown()
    }

    @Test func aStreamWithoutLengthEndsWhenTheServerCloses() async throws {
        let server = try await ScriptedServer { _ in
            [.send("HTTP/1.1 200 OK\r\nconnection: close\r\n\r\ndata: 1\n\n"), .pause(milliseconds: 10), .send("data: 2\n\n"), .close]
        }
        let client = try client()
        let response = try await post(client, server.url)
        #expect(try await text(response.body) == "data: 1\n\ndata: 2\n\n")
        _ = try await text(try await post(client, server.url).body)
        #expect(server.connections == 2)
        await client.shutdown()
        try await server.stop()
    }

    @Test func chunksKeepTheirBoundariesAndArriveBeforeTheNextIsSent() async throws {
        let server = try await ScriptedServer { _ in
            [
                .send("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n"),
                .send("9\r\ndata: 1\n\n\r\n"), .pause(milliseconds: 1500),
                .send("9\r\ndata: 2\n\n\r\n"), .send("0\r\n\r\n"),
            ]
        }
        let client = try client()
        let response = try await post(client, server.url)
        let started = ContinuousClock.now
        let first = try #require(try await response.body.next())
        #expect(String(buffer: first) == "data: 1\n\n")
        #expect(ContinuousClock.now - started < .milliseconds(1000), "the first chunk waited for the second")
        #expect(String(buffer: try #require(try await response.body.next())) == "data: 2\n\n")
        #expect(try await response.body.next() == nil)
        await client.shutdown()
        try await server.stop()
    }

    @Test func noHeadWithinTheTimeoutIsAReadTimeout() async throws {
        let server = try await ScriptedServer { _ in [.pause(milliseconds: 5000)] }
        let client = try client()
        let started = ContinuousClock.now
        await expectError(.readTimeout) { _ = try await post(client, server.url, timeout: .milliseconds(200)) }
        #expect(ContinuousClock.now - started < .seconds(2))
        await client.shutdown()
        try await server.stop()
    }

    @Test func slowHeadersThatArriveWithinTheTimeoutAreFine() async throws {
        let server = try await ScriptedServer { _ in
            [.send("HTTP/1.1 200 OK\r\n"), .pause(milliseconds: 100), .send("content-length: 2\r\n"), .pause(milliseconds: 100), .send("\r\nok")]
        }
        let client = try client()
        let response = try await post(client, server.url, timeout: .milliseconds(500))
        #expect(try await text(response.body) == "ok")
        await client.shutdown()
        try await server.stop()
    }

    @Test func silenceInTheBodyLongerThanTheTimeoutFailsTheBody() async throws {
        let server = try await ScriptedServer { _ in
            [.send("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n4\r\nabcd\r\n"), .pause(milliseconds: 5000)]
        }
        let client = try client()
        let response = try await post(client, server.url, timeout: .milliseconds(300))
        #expect(String(buffer: try #require(try await response.body.next())) == "abcd")
        await expectError(.readTimeout) { _ = try await response.body.next() }
        await client.shutdown()
        try await server.stop()
    }

    @Test func aKeepAliveConnectionTheServerClosedIsNotReused() async throws {
        let server = try await ScriptedServer { _ in [ScriptedServer.ok("ok"), .pause(milliseconds: 20), .close] }
        let client = try client()
        _ = try await text(try await post(client, server.url).body)
        try await Task.sleep(for: .milliseconds(200))
        #expect(try await text(try await post(client, server.url).body) == "ok")
        #expect(server.connections == 2)
        await client.shutdown()
        try await server.stop()
    }

    @Test func aReusedConnectionClosedWithoutAnswerIsRetriedOnlyWhenSafe() async throws {
        // The second request on each connection is read and the connection closed unanswered.
        let server = try await ScriptedServer { request in
            request.indexOnConnection == 0 ? [ScriptedServer.ok("first")] : [.close]
        }
        let client = try client()
        _ = try await text(try await client.execute(method: .GET, url: server.url, headers: [:], body: nil, timeout: .seconds(5)).body)
        // A GET is safe to repeat: retried on a new connection, which answers.
        let retried = try await client.execute(method: .GET, url: server.url, headers: [:], body: nil, timeout: .seconds(5))
        #expect(try await text(retried.body) == "first")
        #expect(server.connections == 2)
        // A POST that reached the server is never sent twice.
        await expectError(.closedBeforeResponse) { _ = try await post(client, server.url, body: "pay once") }
        #expect(server.requests.filter { $0.body == "pay once" }.count == 1)
        // With an Idempotency-Key it may be (a GET first, so the keyed POST goes on a reused connection).
        _ = try await text(try await client.execute(method: .GET, url: server.url, headers: [:], body: nil, timeout: .seconds(5)).body)
        let keyed = try await post(client, server.url, body: "keyed", headers: ["Idempotency-Key": "k1"])
        #expect(try await text(keyed.body) == "first")
        await client.shutdown()
        try await server.stop()
    }

    @Test func theServersKeepAliveTimeoutIsHonoured() async throws {
        let server = try await ScriptedServer { _ in [ScriptedServer.ok("ok", headers: "keep-alive: timeout=1\r\n")] }
        let client = try client()
        _ = try await text(try await post(client, server.url).body)
        _ = try await text(try await post(client, server.url).body)
        // timeout=1 leaves no time to reuse: every request has its own connection.
        #expect(server.connections == 2)
        await client.shutdown()
        try await server.stop()
    }

    @Test func aKeepAliveTimeoutOutOfRangeIsHarmless() async throws {
        let server = try await ScriptedServer { _ in [ScriptedServer.ok("ok", headers: "keep-alive: timeout=-9223372036854775808\r\n")] }
        let client = try client()
        #expect(try await text(try await post(client, server.url).body) == "ok")
        #expect(try await text(try await post(client, server.url).body) == "ok")
        await client.shutdown()
        try await server.stop()
    }

    /// A host with two addresses, the first refusing: Happy Eyeballs tries both, and each attempt must get a
    /// handler of its own (one shared with the failed attempt lost its channel and was never reused).
    @Test func aHostWithSeveralAddressesConnectsAndReusesItsConnection() async throws {
        let server = try await ScriptedServer { _ in [ScriptedServer.ok("ok")] }
        let client = try client {
            $0.resolver = FixedResolver(addresses: [
                try! SocketAddress(ipAddress: "127.0.0.2", port: server.port),
                try! SocketAddress(ipAddress: "127.0.0.1", port: server.port),
            ])
        }
        for _ in 0..<3 {
            #expect(try await text(try await post(client, "http://two-addresses.test:\(server.port)/").body) == "ok")
        }
        #expect(server.connections == 1)
        await client.shutdown()
        try await server.stop()
    }

    /// Reads held back because the reader is slow are not upstream silence: no read timeout for them.
    @Test func aSlowReaderIsNotAnUpstreamTimeout() async throws {
        let size = 2 * 1024 * 1024
        let server = try await ScriptedServer { _ in [.send("HTTP/1.1 200 OK\r\ncontent-length: \(size)\r\n\r\n"), .sendBytes(size)] }
        let client = try client()
        let response = try await post(client, server.url, timeout: .milliseconds(300))
        var total = 0
        var reads = 0
        while let chunk = try await response.body.next() {
            total += chunk.readableBytes
            reads += 1
            if reads % 8 == 0 { try await Task.sleep(for: .milliseconds(60)) }
        }
        #expect(total == size)
        await client.shutdown()
        try await server.stop()
    }

    @Test func aBodyDroppedHalfReadClosesItsConnection() async throws {
        let server = try await ScriptedServer { request in
            // On the first connection the end comes late enough that the body is surely dropped first, even on a
            // busy machine; later connections answer at once.
            [
                .send("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n4\r\nabcd\r\n"),
                .pause(milliseconds: request.connection == 0 ? 5000 : 0), .send("0\r\n\r\n"),
            ]
        }
        let client = try client()
        do {
            let response = try await post(client, server.url)
            _ = try await response.body.next()
        }
        // The first connection was closed, not parked with half a response on it.
        _ = try await text(try await post(client, server.url).body)
        #expect(server.connections == 2)
        await client.shutdown()
        try await server.stop()
    }

    @Test func aLargeBodyReadSlowlyArrivesWhole() async throws {
        let size = 3 * 1024 * 1024
        let server = try await ScriptedServer { _ in [.send("HTTP/1.1 200 OK\r\ncontent-length: \(size)\r\n\r\n"), .sendBytes(size)] }
        let client = try client()
        let response = try await post(client, server.url)
        var total = 0
        var chunks = 0
        while let chunk = try await response.body.next() {
            total += chunk.readableBytes
            chunks += 1
            if chunks % 16 == 0 { try await Task.sleep(for: .milliseconds(1)) }
        }
        #expect(total == size)
        // The connection is reusable afterwards.
        _ = try await text(try await post(client, server.url).body)
        #expect(server.connections == 1)
        await client.shutdown()
        try await server.stop()
    }

    @Test func requestsBeyondTheConnectionLimitWaitForAFreeConnection() async throws {
        let server = try await ScriptedServer { _ in [.pause(milliseconds: 50), ScriptedServer.ok("ok")] }
        let client = try client { $0.maxConnectionsPerOrigin = 1 }
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<4 {
                group.addTask { try await text(try await post(client, server.url).body) }
            }
            for try await answer in group { #expect(answer == "ok") }
        }
        #expect(server.connections == 1)
        #expect(server.requests.count == 4)
        await client.shutdown()
        try await server.stop()
    }

    @Test func aRefusedConnectionFailsAtOnce() async throws {
        let server = try await ScriptedServer { _ in [] }
        let port = server.port
        try await server.stop()
        let client = try client()
        await expectError(.connectFailed) { _ = try await post(client, "http://127.0.0.1:\(port)/") }
        // One readable line for the operator, not NIO's nested error dump.
        do {
            _ = try await post(client, "http://127.0.0.1:\(port)/")
        } catch let error as UpstreamHTTPError {
            #expect(error.description == "connectFailed: http://127.0.0.1:\(port): connection refused")
        }
        await client.shutdown()
    }

    @Test func anInvalidURLIsRefused() async throws {
        let client = try client()
        for url in ["ftp://x/", "http://", "http://user:pw@host/", "http://host:99999/", "/relative"] {
            await expectError(.invalidURL) { _ = try await post(client, url) }
        }
        await client.shutdown()
    }

    @Test func cancellingTheWaitingTaskEndsItPromptly() async throws {
        let server = try await ScriptedServer { _ in [.pause(milliseconds: 5000)] }
        let client = try client()
        let task = Task { try await post(client, server.url, timeout: .seconds(30)) }
        try await Task.sleep(for: .milliseconds(100))
        let started = ContinuousClock.now
        task.cancel()
        do {
            _ = try await task.value
            Issue.record("expected cancellation")
        } catch {
            #expect(error is CancellationError, "\(error)")
        }
        #expect(ContinuousClock.now - started < .seconds(1))
        await client.shutdown()
        try await server.stop()
    }

    @Test func aGarbledResponseIsAnError() async throws {
        let server = try await ScriptedServer { _ in [.send("NOT HTTP AT ALL\r\n\r\n"), .close] }
        let client = try client()
        await expectError(.invalidResponse) { _ = try await post(client, server.url) }
        await client.shutdown()
        try await server.stop()
    }

    @Test func urlsSplitIntoOriginAndTarget() throws {
        let url = try #require(RequestURL("HTTPS://API.Example.com/v1/x?y=1#frag"))
        #expect(url.origin == Origin(scheme: .https, host: "api.example.com", port: 443))
        #expect(url.target == "/v1/x?y=1")
        #expect(url.origin.hostHeader == "api.example.com")
        let ipv6 = try #require(RequestURL("http://[::1]:8080"))
        #expect(ipv6.origin.host == "::1" && ipv6.origin.port == 8080 && ipv6.target == "/")
        #expect(ipv6.origin.hostHeader == "[::1]:8080")
        #expect(RequestURL("http://h?q=1")?.target == "/?q=1")
        #expect(Origin(scheme: .http, host: "10.0.0.1", port: 80).hostIsAddress)
        #expect(!Origin(scheme: .https, host: "api.openai.com", port: 443).hostIsAddress)
    }
}

/// Answers every A query with fixed addresses, and no AAAA.
struct FixedResolver: Resolver, Sendable {
    let addresses: [SocketAddress]

    func initiateAQuery(host: String, port: Int) -> EventLoopFuture<[SocketAddress]> {
        MultiThreadedEventLoopGroup.singleton.next().makeSucceededFuture(addresses)
    }

    func initiateAAAAQuery(host: String, port: Int) -> EventLoopFuture<[SocketAddress]> {
        MultiThreadedEventLoopGroup.singleton.next().makeSucceededFuture([])
    }

    func cancelQueries() {}
}
