import NIOCore
import SwitchyardCore
import SwitchyardEngine
import SwitchyardProviders
import SwitchyardServer
import Synchronization
import Testing

/// An upstream that answers after `delay`, counting how many requests it holds at once.
final class SlowTransport: UpstreamTransport {
    let delay: Duration
    let inFlight = Mutex((now: 0, peak: 0))

    init(delay: Duration) {
        self.delay = delay
    }

    func execute(_ request: UpstreamRequest) async throws -> UpstreamResponse {
        inFlight.withLock { counts in
            counts.now += 1
            counts.peak = max(counts.peak, counts.now)
        }
        defer { inFlight.withLock { $0.now -= 1 } }
        try await Task.sleep(for: delay)
        return ScriptedTransport.json(200, ScriptedTransport.chatAnswer)
    }
}

struct HealthProbeTests {
    let ok = ScriptedTransport { request in
        if request.url.hasSuffix("/embeddings") {
            return ScriptedTransport.json(200, #"{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1]}],"model":"e"}"#)
        }
        if request.url.hasSuffix("/completions") && !request.url.hasSuffix("/chat/completions") {
            return ScriptedTransport.json(
                200, #"{"id":"c","object":"text_completion","model":"m","choices":[{"index":0,"text":"p","finish_reason":"length"}]}"#)
        }
        return ScriptedTransport.json(200, ScriptedTransport.chatAnswer)
    }

    func deployment(_ id: String, mode: String?) -> Deployment {
        var deployment = TestGateway.deployment(id)
        deployment.modelInfo.mode = mode
        return deployment
    }

    @Test func sendsAOneTokenCallShapedByTheDeploymentsMode() async throws {
        let deployments = [deployment("chat", mode: nil), deployment("emb", mode: "embedding"), deployment("legacy", mode: "completion")]
        let report = await HealthChecker(gateway: TestGateway.gateway(ok, deployments: deployments), concurrency: 1).checkAll()
        #expect(report.healthy.count == 3)
        let sent = ok.requests.withLock { $0 }
        #expect(sent.map(\.url) == ["chat/completions", "embeddings", "completions"].map { "http://upstream.test/v1/\($0)" })
        let bodies = ok.sentBodies
        #expect(bodies[0]["max_tokens"] == 1)
        #expect(bodies[0]["messages"]?.arrayValue?.count == 1)
        #expect(bodies[0]["model"] == "gpt-4o")
        #expect(bodies[1]["input"] == "ping")
        #expect(bodies[1]["max_tokens"] == nil)
        #expect(bodies[2]["prompt"] == "ping")
        #expect(bodies[2]["max_tokens"] == 1)
    }

    @Test func capsTheTimeoutAtSixtySecondsUnlessTheHealthCheckTimeoutIsSet() async throws {
        var long = deployment("long", mode: nil)
        long.timeout = 600
        var short = deployment("short", mode: nil)
        short.timeout = 5
        var explicit = deployment("explicit", mode: nil)
        explicit.timeout = 600
        explicit.modelInfo.healthCheckTimeout = 90
        let checker = HealthChecker(gateway: TestGateway.gateway(ok, deployments: [long, short, explicit]), concurrency: 1)
        _ = await checker.checkAll()
        #expect(ok.requests.withLock { $0.map(\.timeout) } == [60, 5, 90])
    }

    @Test func reportsADeploymentThatDoesNotAnswerInTimeAsUnhealthy() async throws {
        var stuck = deployment("stuck", mode: nil)
        stuck.modelInfo.healthCheckTimeout = 0.05
        let gateway = TestGateway.gateway(SlowTransport(delay: .seconds(3600)), deployments: [stuck])
        let started = ContinuousClock.now
        let report = await HealthChecker(gateway: gateway).checkAll()
        // Far below the hour the upstream would take; generous, because CI machines are slow when loaded.
        #expect(ContinuousClock.now - started < .seconds(30))
        #expect(report.unhealthy.first?.error?.contains("did not answer the health check within 0.05 s") == true)
    }

    @Test func checksAWildcardWithItsHealthCheckModelAndSkipsOneWithout() async throws {
        var withModel = TestGateway.deployment("w1", group: "openai/*", model: "*")
        withModel.modelInfo.healthCheckModel = "openai/gpt-4o-mini"
        let without = TestGateway.deployment("w2", group: "other/*", model: "*")
        let report = await HealthChecker(gateway: TestGateway.gateway(ok, deployments: [withModel, without])).checkAll()
        #expect(report.endpoints.map(\.modelID) == ["w1"])
        #expect(report.endpoints.first?.model == "openai/gpt-4o-mini")
        #expect(ok.sentBodies.map { $0["model"] } == ["gpt-4o-mini"])
    }

    @Test func runsChecksConcurrentlyButAtMostEightAtATime() async throws {
        let transport = SlowTransport(delay: .milliseconds(30))
        let deployments = (1...20).map { TestGateway.deployment("d\($0)") }
        let report = await HealthChecker(gateway: TestGateway.gateway(transport, deployments: deployments)).checkAll()
        #expect(report.healthy.map(\.modelID) == deployments.map(\.id))
        let peak = transport.inFlight.withLock { $0.peak }
        #expect(peak > 1)
        #expect(peak <= 8)
    }

    @Test func stripsCredentialsFromTheAPIBase() async throws {
        var deployment = TestGateway.deployment("d1")
        deployment.apiBase = "https://user:pa55@llm.example.com/v1?key=secret#x"
        let report = await HealthChecker(gateway: TestGateway.gateway(ok, deployments: [deployment])).checkAll()
        #expect(report.endpoints.first?.apiBase == "https://llm.example.com/v1")
    }
}
