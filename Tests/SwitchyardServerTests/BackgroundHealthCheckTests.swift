import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SwitchyardCore
import SwitchyardEngine
import SwitchyardServer
import Synchronization
import Testing

struct BackgroundHealthCheckTests {
    /// A switch the scripted upstream reads.
    final class Flag: Sendable {
        let value: Mutex<Bool>

        init(_ value: Bool) {
            self.value = Mutex(value)
        }
    }

    /// `bad` answers 500 while `failing` is on; `good` always answers.
    final class Upstreams: Sendable {
        let failing = Flag(true)
        let transport: ScriptedTransport

        init() {
            let failing = self.failing
            transport = ScriptedTransport { request in
                if request.url.hasPrefix("http://bad.test"), failing.value.withLock({ $0 }) {
                    return ScriptedTransport.json(500, #"{"error":{"message":"boom","type":"server_error"}}"#)
                }
                return ScriptedTransport.json(200, ScriptedTransport.chatAnswer)
            }
        }

        var sentURLs: [String] { transport.requests.withLock { $0.map(\.url) } }
    }

    func gateway(_ upstreams: Upstreams, background: Bool = true, interval: Double = 300) -> Gateway {
        var bad = TestGateway.deployment("bad")
        bad.apiBase = "http://bad.test/v1"
        return TestGateway.gateway(upstreams.transport, deployments: [TestGateway.deployment("good"), bad]) { configuration in
            configuration.backgroundHealthChecks = background
            configuration.healthCheckInterval = interval
        }
    }

    @Test func takesAFailingDeploymentOutOfRotationAndReturnsItWhenItPasses() async throws {
        let upstreams = Upstreams()
        let gateway = gateway(upstreams)
        let service = HealthCheckService(gateway: gateway)
        let first = await service.runOnce()
        #expect(first.unhealthy.map(\.modelID) == ["bad"])
        #expect(gateway.router.cooldowns.isCoolingDown("bad"))
        #expect(!gateway.router.cooldowns.isCoolingDown("good"))
        #expect(gateway.healthReports.latest == first)

        upstreams.failing.value.withLock { $0 = false }
        let second = await service.runOnce()
        #expect(second.unhealthy.isEmpty)
        #expect(!gateway.router.cooldowns.isCoolingDown("bad"))
        #expect(gateway.healthReports.latest == second)
    }

    @Test func routesNoRequestToADeploymentThatFailedItsCheck() async throws {
        let upstreams = Upstreams()
        let gateway = gateway(upstreams)
        await HealthCheckService(gateway: gateway).runOnce()
        let checks = upstreams.sentURLs.count
        try await TestGateway.app(gateway).test(.router) { client in
            for _ in 0..<20 {
                try await client.execute(uri: "/v1/chat/completions", method: .post, headers: TestGateway.headers, body: TestGateway.chat()) {
                    response in
                    #expect(response.status == .ok)
                }
            }
        }
        let routed = upstreams.sentURLs.dropFirst(checks)
        #expect(routed.count == 20)
        #expect(routed.allSatisfy { $0.hasPrefix("http://upstream.test") })
    }

    @Test func servesTheLatestReportWithoutCallingUpstreams() async throws {
        let upstreams = Upstreams()
        let gateway = gateway(upstreams)
        await HealthCheckService(gateway: gateway).runOnce()
        let checks = upstreams.sentURLs.count
        try await TestGateway.app(gateway).test(.router) { client in
            try await client.execute(uri: "/health", method: .get, headers: TestGateway.headers) { response in
                #expect(response.status == .ok)
                #expect(response.json?.objectValue?["healthy_count"] == 1)
                #expect(response.json?.objectValue?["unhealthy_count"] == 1)
            }
            try await client.execute(uri: "/health?model=gpt", method: .get, headers: TestGateway.headers) { response in
                #expect(response.json?.objectValue?["unhealthy_endpoints"]?.arrayValue?.count == 1)
            }
        }
        #expect(upstreams.sentURLs.count == checks)
    }

    @Test func checksNowUntilTheFirstBackgroundRunHasFinished() async throws {
        let upstreams = Upstreams()
        try await TestGateway.app(gateway(upstreams)).test(.router) { client in
            try await client.execute(uri: "/health", method: .get, headers: TestGateway.headers) { response in
                #expect(response.json?.objectValue?["unhealthy_count"] == 1)
            }
        }
        #expect(upstreams.sentURLs.count == 2)
    }

    @Test func repeatsEveryIntervalAndStopsWhenCancelled() async throws {
        let upstreams = Upstreams()
        let service = HealthCheckService(gateway: gateway(upstreams), interval: .milliseconds(5))
        let running = Task { try await service.run() }
        let deadline = ContinuousClock.now + .seconds(10)
        while upstreams.sentURLs.count < 6, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(upstreams.sentURLs.count >= 6, "three runs of two checks")
        let cancelled = ContinuousClock.now
        running.cancel()
        try await running.value
        #expect(ContinuousClock.now - cancelled < .seconds(10))
    }

    @Test func isAServiceOnlyWhenBackgroundChecksAreOn() {
        #expect(GatewayApplication.services(for: gateway(Upstreams(), background: true)).count == 1)
        #expect(GatewayApplication.services(for: gateway(Upstreams(), background: false)).isEmpty)
    }

    @Test func usesTheConfiguredInterval() {
        #expect(HealthCheckService(gateway: gateway(Upstreams(), interval: 42)).interval == .seconds(42))
        #expect(HealthCheckService(gateway: gateway(Upstreams(), interval: 0)).interval == .seconds(300))
        #expect(HealthCheckService(gateway: gateway(Upstreams(), interval: .infinity)).interval == .seconds(300))
        #expect(HealthCheckService(gateway: gateway(Upstreams(), interval: 1e300)).interval == .seconds(365 * 86_400))
    }
}
