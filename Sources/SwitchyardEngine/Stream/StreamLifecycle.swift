import NIOCore
import SwitchyardCore

/// The life of one streamed answer as a pure state machine: events in, actions out, no I/O.
///
/// The owner (``StreamRun``) reads the upstream, writes to the client and ends the request; this type
/// decides what each event means. Every way a stream can end — the upstream finished, the upstream
/// broke, the client went away, a timeout, cancellation — passes through one ``Action/end(_:)``, handed
/// out exactly once, so metering and the deployment's in-flight slot are released exactly once.
///
/// ```
///            start ─▶ open ──upstreamEnded / upstreamFailed──▶ closing ──written / clientGone──▶ ended
///                      │                                                                         ▲
///                      └──────────────── clientGone / timedOut / cancelled ─────────────────────┘
/// ```
///
/// A chunk is handed out for writing as soon as the codec completes it, and the next upstream read is
/// asked for only once it was written: chunks are never coalesced, and a slow client slows the read.
package struct StreamLifecycle<Codec: StreamCodec> {
    /// Something that happened.
    package enum Event {
        /// The upstream delivered bytes.
        case upstreamChunk(ByteBuffer)
        /// The upstream body ended.
        case upstreamEnded
        /// Reading the upstream failed (connection broke, read timeout).
        case upstreamFailed(GatewayError)
        /// The last output handed out was written to the client.
        case written
        /// Writing to the client failed: it went away.
        case clientGone
        /// The stream ran past a deadline of the owner's.
        case timedOut
        /// The task running the stream was cancelled.
        case cancelled
    }

    /// What the owner does next.
    package enum Action {
        /// Read the next upstream chunk.
        case read
        /// Write this to the client, then report ``Event/written`` or ``Event/clientGone``.
        case write(Codec.Output)
        /// Write this closing output (possibly empty) to the client, then report ``Event/written`` or ``Event/clientGone``.
        case close(Codec.Output)
        /// The stream is over: end the request's accounting and release its slot, once.
        case end(Ending)
        /// Nothing: the stream already ended.
        case none
    }

    /// How a stream ended.
    package enum Ending: Equatable {
        /// The upstream finished and the client received everything.
        case completed
        /// The upstream broke; the client was told in its dialect's error shape (when it was still there).
        case upstreamFailed(GatewayError)
        /// The client went away; what was streamed until then is still spend.
        case clientGone
        /// The owner's deadline passed.
        case timedOut
        /// The task was cancelled (server shutdown, library consumer stopped).
        case cancelled

        /// The error to record, if the stream ended with one.
        package var error: GatewayError? {
            if case .upstreamFailed(let error) = self { return error }
            return nil
        }
    }

    private enum State {
        case idle
        case open
        case closing(Ending)
        case ended
    }

    private(set) var codec: Codec
    private var state = State.idle

    /// A lifecycle for a stream decoded and encoded by `codec`.
    package init(codec: Codec) {
        self.codec = codec
    }

    /// What the stream delivered so far.
    package var tally: StreamTally { codec.tally }

    /// Whether the end was handed out.
    package var isEnded: Bool {
        if case .ended = state { return true }
        return false
    }

    /// The first action: write the codec's opening output, or read.
    package mutating func start() -> Action {
        guard case .idle = state else { return .none }
        state = .open
        let opening = codec.start()
        return opening.isEmpty ? .read : .write(opening)
    }

    /// The action for `event`.
    package mutating func receive(_ event: Event) -> Action {
        switch state {
        case .idle:
            // Nothing was started: only an ending can happen (the client left before the first read).
            return endEarly(event)
        case .open:
            return whileOpen(event)
        case .closing(let ending):
            switch event {
            case .written:
                state = .ended
                return .end(ending)
            case .clientGone, .timedOut, .cancelled:
                // The closing write failed: a completed stream the client did not receive is a client that
                // left; an upstream failure stays what it was.
                state = .ended
                return .end(ending == .completed ? Self.ending(for: event) : ending)
            case .upstreamChunk, .upstreamEnded, .upstreamFailed:
                return .none
            }
        case .ended:
            return .none
        }
    }

    private mutating func whileOpen(_ event: Event) -> Action {
        switch event {
        case .upstreamChunk(let bytes):
            let output: Codec.Output
            do {
                output = try codec.consume(bytes)
            } catch {
                return close(failing: error, after: .empty)
            }
            if codec.upstreamEnded { return close(after: output) }
            return output.isEmpty ? .read : .write(output)
        case .upstreamEnded:
            return close(after: .empty)
        case .upstreamFailed(let error):
            return close(failing: error, after: .empty)
        case .written:
            return .read
        case .clientGone, .timedOut, .cancelled:
            state = .ended
            return .end(Self.ending(for: event))
        }
    }

    private mutating func endEarly(_ event: Event) -> Action {
        switch event {
        case .clientGone, .timedOut, .cancelled:
            state = .ended
            return .end(Self.ending(for: event))
        case .upstreamFailed(let error):
            state = .ended
            return .end(.upstreamFailed(error))
        case .upstreamChunk, .upstreamEnded, .written:
            return .none
        }
    }

    /// The upstream is done: `pending` plus the codec's closing output, or its failure output.
    private mutating func close(after pending: Codec.Output) -> Action {
        var output = pending
        do {
            output.append(try codec.finish())
        } catch {
            return close(failing: error, after: pending)
        }
        state = .closing(.completed)
        return .close(output)
    }

    private mutating func close(failing error: GatewayError, after pending: Codec.Output) -> Action {
        var output = pending
        output.append(codec.fail(error))
        state = .closing(.upstreamFailed(error))
        return .close(output)
    }

    private static func ending(for event: Event) -> Ending {
        switch event {
        case .timedOut: .timedOut
        case .cancelled: .cancelled
        default: .clientGone
        }
    }
}
