import SwitchyardSimulator
import Testing

struct FaultPlanGrammarTests {
    @Test func findsNoFaultsInAnOrdinaryModelName() {
        #expect(FaultPlan(modelName: "simulator/gpt-4o") == FaultPlan())
        #expect(FaultPlan(modelName: "gpt-3.5-turbo-instruct") == FaultPlan())
    }

    @Test func readsEverySegmentOfTheGrammar() {
        let plan = FaultPlan(modelName: "simulator/gpt-4o-fail-429-retry-after-2-latency-200ms-jitter-1s-cut-3-malformed-tps-50-timeout")
        #expect(plan.failStatus == 429)
        #expect(plan.retryAfterSeconds == 2)
        #expect(plan.latencyMilliseconds == 200)
        #expect(plan.latencyJitterMilliseconds == 1000)
        #expect(plan.cutAfter == 3)
        #expect(plan.malformed == true)
        #expect(plan.tokensPerSecond == 50)
        #expect(plan.timeout == true)
        #expect(plan.failRate == nil)
    }

    @Test func readsAFlakyPercentageAndBareMilliseconds() {
        let plan = FaultPlan(modelName: "flaky-30_latency-150")
        #expect(plan.failRate == 0.3)
        #expect(plan.latencyMilliseconds == 150)
    }

    @Test func ignoresSegmentsOutsideTheirRange() {
        #expect(FaultPlan(modelName: "fail-200").failStatus == nil)
        #expect(FaultPlan(modelName: "flaky-150").failRate == nil)
        #expect(FaultPlan(modelName: "cut-x").cutAfter == nil)
    }

    @Test func readsEveryHeader() throws {
        let plan = try FaultPlan(headers: [
            (name: "X-Sim-Fail-Status", value: "503"), (name: "x-sim-fail-rate", value: "0.25"),
            (name: "x-sim-retry-after", value: "9"), (name: "x-sim-latency-ms", value: "10"),
            (name: "x-sim-latency-jitter-ms", value: "5"), (name: "x-sim-timeout", value: "true"),
            (name: "x-sim-cut-after", value: " 4 "), (name: "x-sim-malformed", value: "1"),
            (name: "x-sim-tokens-per-second", value: "12.5"), (name: "authorization", value: "Bearer k"),
        ])
        #expect(
            plan
                == FaultPlan(
                    failStatus: 503, failRate: 0.25, retryAfterSeconds: 9, latencyMilliseconds: 10, latencyJitterMilliseconds: 5,
                    timeout: true, cutAfter: 4, malformed: true, tokensPerSecond: 12.5
                )
        )
    }

    @Test func rejectsAHeaderOutOfRangeOrUnknown() {
        #expect(throws: FaultPlan.InvalidHeader.self) { try FaultPlan(headers: [(name: "x-sim-fail-status", value: "200")]) }
        #expect(throws: FaultPlan.InvalidHeader.self) { try FaultPlan(headers: [(name: "x-sim-fail-rate", value: "2")]) }
        #expect(throws: FaultPlan.InvalidHeader.self) { try FaultPlan(headers: [(name: "x-sim-latency-ms", value: "-1")]) }
        #expect(throws: FaultPlan.InvalidHeader.self) { try FaultPlan(headers: [(name: "x-sim-lateny-ms", value: "5")]) }
    }

    @Test func letsTheLaterLayerWinKnobByKnob() throws {
        let model = FaultPlan(modelName: "fail-429-timeout-latency-50")
        let headers = try FaultPlan(headers: [(name: "x-sim-fail-status", value: "500"), (name: "x-sim-timeout", value: "0")])
        let plan = model.overridden(by: headers)
        #expect(plan.failStatus == 500)
        #expect(plan.timeout == false)
        #expect(plan.latencyMilliseconds == 50)
    }
}
