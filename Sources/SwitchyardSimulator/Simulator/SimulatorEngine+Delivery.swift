import NIOCore
import ServiceLifecycle
import SwitchyardCore
import Synchronization

extension SimulatorEngine {
    /// Decides and delivers the answer to `request`: waits out the latency, then returns the head
    /// with a body that is paced (and maybe cut) as the faults say.
    public func respond(to request: SimulatorRequest) async throws -> SimulatorResponse {
        try await deliver(decide(request), headTimeout: nil, silenceLimit: nil)
    }

    /// Delivers `decision` over time.
    ///
    /// - Parameters:
    ///   - headTimeout: when set, a head later than this throws ``GatewayError`` `.timeout` after
    ///     waiting this long, as a real transport would; when nil, a head that never comes is given up
    ///     at ``Configuration/hangLimit`` and the decision's own (408) answer is sent.
    ///   - silenceLimit: when set, a pause between stream chunks longer than this throws `.timeout`
    ///     from the body after waiting this long.
    func deliver(_ decision: SimulatorDecision, headTimeout: Duration?, silenceLimit: Duration?) async throws -> SimulatorResponse {
        let wait: Duration
        switch decision.head {
        case .after(let latency): wait = latency
        case .never: wait = headTimeout ?? configuration.hangLimit
        }
        if let headTimeout, decision.head == .never || wait > headTimeout {
            try await sleep(for: headTimeout)
            throw GatewayError(.timeout, "The simulator did not answer within \(Self.seconds(headTimeout)) s.")
        }
        if decision.head == .never {
            // A request that never answers must not hold up a graceful shutdown of the standalone server.
            try await cancelWhenGracefulShutdown { try await self.sleep(for: wait) }
        } else {
            try await sleep(for: wait)
        }
        switch decision.body {
        case .complete(let buffer):
            return SimulatorResponse(status: decision.status, headers: decision.headers, body: .complete(buffer))
        case .chunks(let chunks, let cut):
            let stream = pacedStream(chunks, cut: cut, silenceLimit: silenceLimit)
            return SimulatorResponse(status: decision.status, headers: decision.headers, body: .stream(stream))
        }
    }

    /// A stream that sends each chunk after its delay; pulled lazily, so a consumer that stops
    /// reading (or is cancelled) stops the pacing too.
    private func pacedStream(_ chunks: [SimulatorDecision.Chunk], cut: Bool, silenceLimit: Duration?) -> AsyncThrowingStream<ByteBuffer, any Error> {
        let cursor = Cursor()
        return AsyncThrowingStream {
            guard let index = cursor.advance(below: chunks.count) else {
                if cut {
                    // Let the chunks already written reach the client before the connection drops, so that
                    // "cut after k events" delivers exactly k events over a real socket too.
                    try await self.sleep(for: .milliseconds(50))
                    throw GatewayError(.upstreamUnavailable, "The simulated stream was cut after \(chunks.count) chunks.")
                }
                return nil
            }
            let chunk = chunks[index]
            if let silenceLimit, chunk.delay > silenceLimit {
                try await self.sleep(for: silenceLimit)
                throw GatewayError(.timeout, "The simulator sent no chunk within \(Self.seconds(silenceLimit)) s.")
            }
            try await self.sleep(for: chunk.delay)
            return chunk.bytes
        }
    }

    private func sleep(for duration: Duration) async throws {
        guard duration > .zero else { return }
        try await configuration.clock.sleep(for: duration, tolerance: nil)
    }

    /// `1.5` for 1.5 seconds, for messages.
    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(Double(seconds) + Double(attoseconds) / 1e18)
    }
}

/// The position in a paced stream; `AsyncThrowingStream(unfolding:)` calls its closure one call
/// at a time, so the lock is never contended and only satisfies `Sendable`.
private final class Cursor: Sendable {
    private let next = Mutex(0)

    /// The next index below `count`, or nil when the chunks are used up.
    func advance(below count: Int) -> Int? {
        next.withLock { next in
            guard next < count else { return nil }
            defer { next += 1 }
            return next
        }
    }
}
