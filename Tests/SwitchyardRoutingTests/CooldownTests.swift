import SwitchyardCore
import Testing

@testable import SwitchyardRouting

struct CooldownTests {
    let pair = [ScriptedGroup.deployment("bad"), ScriptedGroup.deployment("good")]

    @Test func aRateLimitInAGroupOfSeveralCoolsTheDeploymentDownForItsRetryAfter() async throws {
        let harness = RouterHarness(pair, settings: .init(numRetries: 1))
        let script = Script(failing: ["bad": .rateLimit(retryAfter: 30)])
        for _ in 0..<20 { _ = try await harness.route(script: script) }
        #expect(script.called.filter { $0 == "bad" }.count == 1)
        #expect(harness.router.cooldowns.isCoolingDown("bad"))
        harness.clock.advance(by: .seconds(29))
        #expect(harness.router.cooldowns.isCoolingDown("bad"))
        harness.clock.advance(by: .seconds(2))
        #expect(!harness.router.cooldowns.isCoolingDown("bad"))
    }

    @Test func aCooldownTimeOutOfRangeIsCappedNotATrap() {
        var deployment = ScriptedGroup.deployment("d")
        deployment.cooldownTime = .infinity
        #expect(CooldownPolicy().duration(for: deployment, after: .serverError) == .seconds(315_360_000))
        deployment.cooldownTime = .nan
        #expect(CooldownPolicy().duration(for: deployment, after: .serverError) == .zero)
        deployment.cooldownTime = 1e300
        #expect(CooldownPolicy().duration(for: deployment, after: .serverError) == .seconds(315_360_000))
    }

    @Test func usesTheDeploymentsCooldownTimeOverRetryAfterAndTheRoutersDefaultLast() {
        let policy = CooldownPolicy(cooldownTime: 7)
        var deployment = ScriptedGroup.deployment("d")
        #expect(policy.duration(for: deployment, after: .rateLimit) == .seconds(7))
        #expect(policy.duration(for: deployment, after: .rateLimit(retryAfter: 12)) == .seconds(12))
        deployment.cooldownTime = 2
        #expect(policy.duration(for: deployment, after: .rateLimit(retryAfter: 12)) == .seconds(2))
        #expect(CooldownPolicy().duration(for: ScriptedGroup.deployment("x"), after: .serverError) == .seconds(5))
    }

    @Test func aRateLimitInAGroupOfOneDoesNotCoolDown() {
        #expect(!CooldownPolicy().shouldCoolDown(after: .rateLimit, failuresThisMinute: 1, requestsThisMinute: 1, groupSize: 1))
        #expect(CooldownPolicy().shouldCoolDown(after: .rateLimit, failuresThisMinute: 1, requestsThisMinute: 1, groupSize: 2))
    }

    @Test func authAndNotFoundErrorsCoolDownEvenAlone() {
        #expect(CooldownPolicy().shouldCoolDown(after: .badKey, failuresThisMinute: 1, requestsThisMinute: 1, groupSize: 1))
        let notFound = GatewayError(.notFound, "no such deployment", status: 404)
        #expect(CooldownPolicy().shouldCoolDown(after: notFound, failuresThisMinute: 1, requestsThisMinute: 1, groupSize: 1))
    }

    @Test func serverErrorsCoolDownOnceMoreThanHalfOfAtLeastFiveRequestsFailed() {
        let policy = CooldownPolicy()
        #expect(!policy.shouldCoolDown(after: .serverError, failuresThisMinute: 3, requestsThisMinute: 4, groupSize: 2))
        #expect(!policy.shouldCoolDown(after: .serverError, failuresThisMinute: 2, requestsThisMinute: 5, groupSize: 2))
        #expect(policy.shouldCoolDown(after: .serverError, failuresThisMinute: 3, requestsThisMinute: 5, groupSize: 2))
        #expect(!policy.shouldCoolDown(after: .serverError, failuresThisMinute: 5, requestsThisMinute: 5, groupSize: 1))
    }

    @Test func requestErrorsNeverCoolADeploymentDown() {
        for error in [GatewayError(.badRequest, "x", status: 400), GatewayError(.contextWindowExceeded, "x", status: 400)] {
            #expect(!CooldownPolicy(allowedFails: 0).shouldCoolDown(after: error, failuresThisMinute: 9, requestsThisMinute: 9, groupSize: 3))
        }
    }

    @Test func allowedFailsCoolsDownOnlyPastTheAllowancePerMinute() async throws {
        let tracker = CooldownTracker(policy: CooldownPolicy(allowedFails: 2), clock: RouterHarness([]).router.clock)
        let deployment = ScriptedGroup.deployment("d")
        #expect(!tracker.recordFailure(deployment, error: .serverError, groupSize: 1))
        #expect(!tracker.recordFailure(deployment, error: .serverError, groupSize: 1))
        #expect(tracker.recordFailure(deployment, error: .serverError, groupSize: 1))
    }

    @Test func allowedFailsPolicyAppliesPerErrorClass() {
        let policy = CooldownPolicy(allowedFailsByClass: [.rateLimit: 3, .internalServer: 0])
        #expect(!policy.shouldCoolDown(after: .rateLimit, failuresThisMinute: 3, requestsThisMinute: 3, groupSize: 1))
        #expect(policy.shouldCoolDown(after: .rateLimit, failuresThisMinute: 4, requestsThisMinute: 4, groupSize: 1))
        #expect(policy.shouldCoolDown(after: .serverError, failuresThisMinute: 1, requestsThisMinute: 1, groupSize: 1))
    }

    @Test func failureCountsStartOverEachMinute() {
        let harness = RouterHarness([])
        let tracker = CooldownTracker(policy: CooldownPolicy(allowedFails: 1), clock: harness.router.clock)
        let deployment = ScriptedGroup.deployment("d")
        #expect(!tracker.recordFailure(deployment, error: .serverError, groupSize: 1))
        harness.clock.advance(by: .seconds(61))
        #expect(!tracker.recordFailure(deployment, error: .serverError, groupSize: 1))
        #expect(tracker.recordFailure(deployment, error: .serverError, groupSize: 1))
    }

    @Test func disableCooldownsKeepsEveryDeploymentInRotation() {
        #expect(!CooldownPolicy(disabled: true).shouldCoolDown(after: .badKey, failuresThisMinute: 9, requestsThisMinute: 9, groupSize: 2))
    }

    @Test func answers429WithTheShortestRemainingCooldownWhenEveryDeploymentIsCoolingDown() async {
        let harness = RouterHarness(pair)
        harness.router.cooldowns.coolDown("bad", for: .seconds(20))
        harness.router.cooldowns.coolDown("good", for: .seconds(8))
        do {
            _ = try await harness.route(script: Script(failures: 0, error: .serverError))
            Issue.record("expected no deployment")
        } catch {
            #expect(error.status == 429)
            #expect(error.code == "no_deployments_available")
            #expect(error.retryAfter == 8)
        }
    }
}
