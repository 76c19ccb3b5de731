import SwitchyardCore
import Testing

@testable import SwitchyardRouting

/// The per-request attempt state machine on its own: failures in, the next action out.
struct RouteRunTests {
    static let serverError = GatewayError(.upstreamUnavailable, "boom", status: 500)
    static let refused = GatewayError(.authentication, "bad key", status: 401)

    func run(retries: Int = 0, fallbacks: FallbackSettings = FallbackSettings(), options: RouteOptions = RouteOptions()) -> RouteRun {
        RouteRun(group: "primary", retryPolicy: RetryPolicy(numRetries: retries), fallbacks: fallbacks, options: options)
    }

    func fail(_ run: inout RouteRun, _ id: String, _ error: GatewayError, healthyUntried: Bool = true, groupSize: Int = 2) -> RouteRun.Action {
        var random: any RandomNumberGenerator = FastRandom(seed: 1)
        let deployment = ScriptedGroup.deployment(id, group: run.group)
        run.attempting(deployment)
        return run.failed(deployment, with: error, groupSize: groupSize, healthyUntried: healthyUntried, random: &random)
    }

    @Test func retriesInTheGroupThenFallsBackThenGivesUpNamingEveryAttempt() {
        var run = run(retries: 1, fallbacks: FallbackSettings(general: ["primary": ["secondary"]]))
        #expect(run.start() == .pick(group: "primary"))
        #expect(fail(&run, "p1", Self.serverError) == .pick(group: "primary"))
        #expect(fail(&run, "p2", Self.serverError) == .pick(group: "secondary"))
        // The fallback group gets its own retries.
        #expect(fail(&run, "s1", Self.serverError) == .pick(group: "secondary"))
        guard case .fail(let error) = fail(&run, "s2", Self.serverError) else {
            Issue.record("expected to give up")
            return
        }
        #expect(run.totalRetries == 2 && run.fallbacksUsed == 1)
        #expect(error.message.contains("all 4 attempts failed"))
        #expect(error.attempts.count == 4)
    }

    @Test func waitsBeforeARetryWhenNoHealthyDeploymentIsLeft() {
        var run = run(retries: 1)
        guard case .wait = fail(&run, "p1", Self.serverError, healthyUntried: false) else {
            Issue.record("expected a wait")
            return
        }
        #expect(run.waited() == .pick(group: "primary"))
    }

    @Test func aDeploymentThatRefusesIsNeverTriedAgain() {
        var run = run(retries: 3)
        _ = fail(&run, "p1", Self.refused)
        #expect(run.refused == ["p1"])
    }

    @Test func aFallbackTheCallerMayNotUseIsSkippedUncountedAndNamed() {
        var run = run(fallbacks: FallbackSettings(general: ["primary": ["forbidden", "allowed"]]))
        #expect(fail(&run, "p1", Self.serverError) == .pick(group: "forbidden"))
        #expect(run.notPermitted("forbidden") == .pick(group: "allowed"))
        #expect(run.fallbacksUsed == 1)
        guard case .fail(let error) = fail(&run, "a1", Self.serverError) else {
            Issue.record("expected to give up")
            return
        }
        #expect(run.forbidden == ["forbidden"])
        #expect(error.message.contains("not tried: `forbidden`"))
        #expect(error.status == 500)
    }

    @Test func disabledFallbacksGiveUpAtOnce() {
        var run = run(fallbacks: FallbackSettings(general: ["primary": ["secondary"]]), options: RouteOptions(disableFallbacks: true))
        guard case .fail = fail(&run, "p1", Self.serverError) else {
            Issue.record("expected to give up")
            return
        }
    }
}
