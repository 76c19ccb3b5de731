import NIOCore
import SwitchyardCore
import SwitchyardEngine
import SwitchyardProviders
import Synchronization
import Testing

@testable import SwitchyardServer

/// The stream state machine: every ending (upstream finished, upstream broke, undecodable data, client
/// gone, timeout, cancellation) is handed out exactly once, what is written is what the codec made, and
/// nothing happens after the end.
struct StreamLifecycleTests {
    /// A codec over text: each chunk is passed on as it is; `DONE` ends the upstream, `BAD` is undecodable.
    struct TextCodec: StreamCodec {
        var opening = ""
        var finishFails = false
        private(set) var upstreamEnded = false
        private var chunks = 0

        init(opening: String = "", finishFails: Bool = false) {
            self.opening = opening
            self.finishFails = finishFails
        }

        func start() -> ByteBuffer { ByteBuffer(string: opening) }

        mutating func consume(_ bytes: ByteBuffer) throws(GatewayError) -> ByteBuffer {
            let text = String(buffer: bytes)
            if text == "BAD" { throw GatewayError(.upstreamUnavailable, "undecodable", code: "invalid_upstream_response") }
            chunks += 1
            if text.hasSuffix("DONE") { upstreamEnded = true }
            return ByteBuffer(string: text.replacingDone())
        }

        func finish() throws(GatewayError) -> ByteBuffer {
            if finishFails { throw GatewayError(.upstreamUnavailable, "cut", code: "upstream_broken") }
            return ByteBuffer(string: "[END]")
        }

        func fail(_ error: GatewayError) -> ByteBuffer { ByteBuffer(string: "[ERR \(error.code ?? "")]") }

        var tally: StreamTally { StreamTally(completionCharacters: chunks) }
    }

    typealias Machine = StreamLifecycle<TextCodec>

    static let broken = GatewayError(.upstreamUnavailable, "broke", code: "upstream_broken")

    /// What an action says, as text: `read`, `write:…`, `close:…`, `end:…`, `none`.
    static func describe(_ action: Machine.Action) -> String {
        switch action {
        case .read: "read"
        case .write(let out): "write:\(String(buffer: out))"
        case .close(let out): "close:\(String(buffer: out))"
        case .end(let ending): "end:\(ending)"
        case .none: "none"
        }
    }

    func drive(_ events: [Machine.Event], codec: TextCodec = TextCodec()) -> [String] {
        var machine = Machine(codec: codec)
        return [Self.describe(machine.start())] + events.map { Self.describe(machine.receive($0)) }
    }

    func chunk(_ text: String) -> Machine.Event { .upstreamChunk(ByteBuffer(string: text)) }

    @Test func aCompletedStreamWritesEachChunkAsItComesThenClosesAndEndsOnce() {
        let actions = drive(
            [.written, chunk("a"), .written, chunk("b"), .written, .upstreamEnded, .written, .upstreamEnded], codec: TextCodec(opening: "[START]"))
        #expect(actions == ["write:[START]", "read", "write:a", "read", "write:b", "read", "close:[END]", "end:completed", "none"])
    }

    @Test func theUpstreamsOwnEndMarkerClosesWithoutAnotherRead() {
        #expect(drive([chunk("aDONE"), .written, chunk("late")]) == ["read", "close:a[END]", "end:completed", "none"])
    }

    @Test func anUpstreamThatBreaksEndsWithTheDialectsFailureOutput() {
        let actions = drive([chunk("a"), .written, .upstreamFailed(Self.broken), .written])
        #expect(actions == ["read", "write:a", "read", "close:[ERR upstream_broken]", "end:upstreamFailed(\(Self.broken))"])
    }

    @Test func undecodableDataAndAFailingFinishAreUpstreamFailures() {
        let bad = drive([chunk("BAD"), .written])
        #expect(bad[1] == "close:[ERR invalid_upstream_response]")
        #expect(bad[2].hasPrefix("end:upstreamFailed"))
        let cut = drive([chunk("a"), .written, .upstreamEnded, .written], codec: TextCodec(finishFails: true))
        #expect(cut[3] == "close:[ERR upstream_broken]")
        #expect(cut[4].hasPrefix("end:upstreamFailed"))
    }

    @Test func aClientThatLeavesEndsTheStreamAtOnce() {
        #expect(drive([chunk("a"), .clientGone, chunk("b"), .upstreamEnded]) == ["read", "write:a", "end:clientGone", "none", "none"])
    }

    @Test func aClosingWriteThatFailsIsAClientGoneUnlessTheUpstreamHadFailed() {
        #expect(drive([.upstreamEnded, .clientGone]).last == "end:clientGone")
        #expect(drive([.upstreamFailed(Self.broken), .clientGone]).last == "end:upstreamFailed(\(Self.broken))")
    }

    @Test func timeoutsAndCancellationEndTheStream() {
        #expect(drive([.timedOut, .written]) == ["read", "end:timedOut", "none"])
        #expect(drive([chunk("a"), .cancelled]) == ["read", "write:a", "end:cancelled"])
    }

    @Test func everySequenceOfEventsEndsAtMostOnceAndAnEndingEventAlwaysEnds() {
        let alphabet: [Machine.Event] = [
            chunk("a"), chunk("BAD"), chunk("zDONE"), .upstreamEnded, .upstreamFailed(Self.broken), .written, .clientGone, .timedOut, .cancelled,
        ]
        func walk(_ prefix: [Machine.Event], depth: Int) {
            let actions = drive(prefix)
            let ends = actions.filter { $0.hasPrefix("end:") }.count
            #expect(ends <= 1, "\(actions)")
            if let last = actions.last, last.hasPrefix("end:") || ends == 1 {
                // After the end nothing else is asked for.
                #expect(actions.drop { !$0.hasPrefix("end:") }.dropFirst().allSatisfy { $0 == "none" }, "\(actions)")
            }
            guard depth > 0 else { return }
            for event in alphabet { walk(prefix + [event], depth: depth - 1) }
        }
        walk([], depth: 4)
        // Whatever came before, a client that leaves (or a timeout, or cancellation) ends a stream that had not ended.
        for event in alphabet {
            for ending in [Machine.Event.clientGone, .timedOut, .cancelled] {
                let actions = drive([event, ending, .written])
                #expect(actions.filter { $0.hasPrefix("end:") }.count == 1, "\(actions)")
            }
        }
    }

    /// The owner loop over a real upstream body: each piece written on its own, the end called once.
    @Test func theRunWritesEachUpstreamPieceSeparatelyAndEndsOnce() async {
        let upstream = ScriptedTransport.pieces(["a", "b", "cDONE", "never read"]).body
        let written = Mutex<[String]>([])
        let ends = Mutex<[String]>([])
        let ending = await StreamRun.run(
            TextCodec(), upstream: upstream, write: { out in written.withLock { $0.append(String(buffer: out)) } },
            end: { ending, tally in ends.withLock { $0.append("\(ending) \(tally.completionCharacters)") } })
        #expect(ending == .completed)
        #expect(written.withLock { $0 } == ["a", "b", "c[END]"])
        #expect(ends.withLock { $0 } == ["completed 3"])
    }

    @Test func theRunEndsOnceWhenTheClientLeavesOrTheUpstreamBreaks() async {
        struct Gone: Error {}
        let ends = Mutex(0)
        let gone = await StreamRun.run(
            TextCodec(), upstream: ScriptedTransport.pieces(["a", "b"]).body, write: { _ in throw Gone() }, end: { _, _ in ends.withLock { $0 += 1 } }
        )
        #expect(gone == .clientGone)
        let broken = await StreamRun.run(
            TextCodec(), upstream: ScriptedTransport.pieces(["a"], failingWith: Self.broken).body, write: { _ in },
            end: { _, _ in ends.withLock { $0 += 1 } })
        #expect(broken == .upstreamFailed(Self.broken))
        #expect(ends.withLock { $0 } == 2)
    }
}

extension String {
    fileprivate func replacingDone() -> String { hasSuffix("DONE") ? String(dropLast(4)) : self }
}
