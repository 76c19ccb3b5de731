import NIOCore
import SwitchyardCore
import SwitchyardSimulator
import Testing

struct StreamPacingTests {
    private func tokenDelays(_ decision: SimulatorDecision) -> [Duration] {
        guard case .chunks(let chunks, _) = decision.body else { return [] }
        return chunks.map(\.delay).filter { $0 > .zero }
    }

    @Test func pacesTokensAtOneHundredPerSecondByDefault() {
        let engine = SimulatorEngine(configuration: SimulatorEngine.Configuration())
        let delays = tokenDelays(engine.decide(Sim.chat(prompt: "a b", stream: true)))
        #expect(delays == Array(repeating: .milliseconds(10), count: 5))
    }

    @Test func takesTheRateFromTheModelNameThenTheHeader() {
        let engine = Sim.engine(tokensPerSecond: 100)
        #expect(tokenDelays(engine.decide(Sim.chat(model: "gpt-4o-tps-50", stream: true))).first == .milliseconds(20))
        let header = [(name: "x-sim-tokens-per-second", value: "0")]
        #expect(tokenDelays(engine.decide(Sim.chat(model: "gpt-4o-tps-50", stream: true, headers: header))).isEmpty)
    }

    @Test func takesAboutAsLongAsTheRateSays() async throws {
        // 7 tokens at 200 per second: 35 ms of pauses.
        let engine = Sim.engine(tokensPerSecond: 200)
        let clock = ContinuousClock()
        let start = clock.now
        _ = try await Sim.bytes(engine.respond(to: Sim.chat(prompt: "one two three four", stream: true)))
        #expect(clock.now - start >= .milliseconds(35))
    }

    @Test func doesNotPaceAPlainAnswer() {
        let decision = Sim.engine(tokensPerSecond: 1).decide(Sim.chat())
        guard case .complete = decision.body else {
            Issue.record("a plain answer was chunked")
            return
        }
        #expect(decision.head == .after(.zero))
    }
}
