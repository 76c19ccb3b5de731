import NIOCore
import SwitchyardCore
import SwitchyardSimulator
import Testing

struct FaultInjectionTests {
    @Test func answersAFailModelWith429RetryAfterAndAnOpenAIRateLimitBody() async throws {
        let response = try await Sim.engine().respond(to: Sim.chat(model: "simulator/gpt-4o-fail-429"))
        #expect(response.status == 429)
        #expect(response.header("retry-after") == "1")
        let json = try await Sim.json(response)
        #expect(json["error", "type"] == "requests")
        #expect(json["error", "code"] == "rate_limit_exceeded")
        #expect(json["error", "param"] == .null)
        #expect(json["error", "message"]?.stringValue?.isEmpty == false)
    }

    @Test func answersAHeaderChosenStatusWithItsRetryAfter() async throws {
        let headers = [(name: "x-sim-fail-status", value: "503"), (name: "x-sim-retry-after", value: "7")]
        let response = try await Sim.engine().respond(to: Sim.chat(headers: headers))
        #expect(response.status == 503)
        #expect(response.header("retry-after") == "7")
        #expect(try await Sim.json(response)["error", "type"] == "server_error")
    }

    @Test func sendsNoRetryAfterOnA500UnlessAsked() async throws {
        let response = try await Sim.engine().respond(to: Sim.chat(model: "gpt-4o-fail-500"))
        #expect(response.status == 500)
        #expect(response.header("retry-after") == nil)
    }

    @Test func letsHeadersOverrideTheModelName() async throws {
        let failing = try await Sim.engine().respond(to: Sim.chat(model: "gpt-4o-fail-429", headers: [(name: "x-sim-fail-status", value: "502")]))
        #expect(failing.status == 502)
        let healed = Sim.engine().decide(Sim.chat(model: "gpt-4o-timeout", headers: [(name: "x-sim-timeout", value: "false")]))
        #expect(healed.head == .after(.zero))
        #expect(healed.status == 200)
    }

    @Test func answers400NamingAnInvalidSimulatorHeader() async throws {
        let response = try await Sim.engine().respond(to: Sim.chat(headers: [(name: "x-sim-cut-after", value: "soon")]))
        #expect(response.status == 400)
        #expect(try await Sim.json(response)["error", "param"] == "x-sim-cut-after")
    }

    @Test func failsARandomShareOfRequestsRepeatablyForASeed() {
        func outcomes(seed: UInt64) -> [Int] {
            let engine = Sim.engine(seed: seed)
            return (0..<200).map { _ in engine.decide(Sim.chat(headers: [(name: "x-sim-fail-rate", value: "0.5")])).status }
        }
        let first = outcomes(seed: 1)
        #expect(first == outcomes(seed: 1))
        #expect(first != outcomes(seed: 2))
        #expect(Set(first) == [200, 500])
        #expect((60...140).contains(first.filter { $0 == 500 }.count))
    }

    @Test func appliesConfiguredFaultsUnderModelAndHeaders() {
        let engine = Sim.engine(faults: FaultPlan(failStatus: 503))
        #expect(engine.decide(Sim.chat()).status == 503)
        #expect(engine.decide(Sim.chat(model: "fail-429")).status == 429)
    }

    @Test func delaysTheHeadByTheLatencyFromModelOrHeader() {
        #expect(Sim.engine().decide(Sim.chat(model: "gpt-4o-latency-200ms")).head == .after(.milliseconds(200)))
        #expect(Sim.engine().decide(Sim.chat(headers: [(name: "x-sim-latency-ms", value: "150")])).head == .after(.milliseconds(150)))
    }

    @Test func drawsJitterWithinItsRangeRepeatablyForASeed() {
        func latencies(seed: UInt64) -> [SimulatorDecision.Head] {
            let engine = Sim.engine(seed: seed)
            let headers = [(name: "x-sim-latency-ms", value: "100"), (name: "x-sim-latency-jitter-ms", value: "50")]
            return (0..<50).map { _ in engine.decide(Sim.chat(headers: headers)).head }
        }
        let first = latencies(seed: 3)
        #expect(first == latencies(seed: 3))
        #expect(Set(first.map { "\($0)" }).count > 1)
        for head in first {
            guard case .after(let latency) = head else {
                Issue.record("jitter made the request hang")
                continue
            }
            #expect(latency >= .milliseconds(100) && latency <= .milliseconds(150))
        }
    }

    @Test func neverSendsTheHeadOfATimeoutUntilTheHangLimit() async throws {
        #expect(Sim.engine().decide(Sim.chat(model: "gpt-4o-timeout")).head == .never)
        let engine = SimulatorEngine(configuration: SimulatorEngine.Configuration(hangLimit: .milliseconds(50)))
        let clock = ContinuousClock()
        let start = clock.now
        let response = try await engine.respond(to: Sim.chat(headers: [(name: "x-sim-timeout", value: "1")]))
        #expect(clock.now - start >= .milliseconds(50))
        #expect(response.status == 408)
    }

    @Test func cutsAStreamAfterKEventsWithoutDone() async throws {
        let response = try await Sim.engine().respond(to: Sim.chat(model: "gpt-4o-cut-3", stream: true))
        #expect(response.status == 200)
        let (chunks, error) = await Sim.chunks(response)
        #expect(chunks.count == 3)
        #expect(error != nil)
        #expect(!chunks.contains { String(buffer: $0).contains("[DONE]") })
    }

    @Test func neverSendsDoneEvenWhenKExceedsTheStream() async throws {
        let response = try await Sim.engine().respond(to: Sim.chat(stream: true, headers: [(name: "x-sim-cut-after", value: "1000")]))
        let (chunks, error) = await Sim.chunks(response)
        #expect(error != nil)
        #expect(chunks.count == 8)  // everything but [DONE]
    }

    @Test func cutsAPlainBodyHalfway() async throws {
        let response = try await Sim.engine().respond(to: Sim.chat(model: "gpt-4o-cut-1"))
        let (chunks, error) = await Sim.chunks(response)
        #expect(error != nil)
        #expect(chunks.count == 1)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: chunks[0]) }
    }

    @Test func sendsAMalformedPlainBodyWithStatus200() async throws {
        let response = try await Sim.engine().respond(to: Sim.chat(model: "gpt-4o-malformed"))
        #expect(response.status == 200)
        let body = try await Sim.bytes(response)
        #expect(body.readableBytes > 10)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: body) }
    }

    @Test func sendsAMalformedSecondStreamEventThenCarriesOn() async throws {
        let response = try await Sim.engine().respond(to: Sim.chat(stream: true, headers: [(name: "x-sim-malformed", value: "1")]))
        let payloads = Sim.events(try await Sim.bytes(response))
        #expect(payloads.count == 9)
        #expect(throws: Never.self) { try JSONValue(parsing: payloads[0]) }
        #expect(payloads[1].hasPrefix("{"))
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: payloads[1]) }
        #expect(payloads.last == "[DONE]")
    }

    @Test func neverBreaksAnErrorAnswer() async throws {
        let response = try await Sim.engine().respond(to: Sim.chat(model: "fail-429-malformed-cut-1"))
        #expect(response.status == 429)
        #expect(try await Sim.json(response)["error", "code"] == "rate_limit_exceeded")
    }
}
