import NIOCore
import SwitchyardCore
import SwitchyardProviders

/// The owner of a ``StreamLifecycle``: performs its actions (read the upstream, write to the client, end)
/// and feeds it what happened. The only stream loop in the gateway: the OpenAI, Anthropic and Responses
/// routes and the library's `streamChat` differ only in their codec and in what `write` does, so a new
/// transport under them changes this loop alone.
package enum StreamRun {
    /// Runs a stream to its end: reads `upstream`, writes what `codec` makes of it with `write`, and calls
    /// `end` exactly once with how it ended and what it delivered (before returning).
    @discardableResult
    package static func run<Codec: StreamCodec>(
        _ codec: Codec,
        upstream: UpstreamBody,
        write: (Codec.Output) async throws -> Void,
        end: (StreamLifecycle<Codec>.Ending, StreamTally) async -> Void
    ) async -> StreamLifecycle<Codec>.Ending {
        var machine = StreamLifecycle(codec: codec)
        var iterator = upstream.makeAsyncIterator()
        var action = machine.start()
        while true {
            switch action {
            case .read:
                action = machine.receive(await read(&iterator))
            case .write(let output), .close(let output):
                if output.isEmpty {
                    action = machine.receive(.written)
                    continue
                }
                do {
                    try await write(output)
                    action = machine.receive(.written)
                } catch is CancellationError {
                    action = machine.receive(.cancelled)
                } catch {
                    action = machine.receive(.clientGone)
                }
            case .end(let ending):
                await end(ending, machine.tally)
                return ending
            case .none:
                // Unreachable while the loop only feeds the events the last action asked for; ending here
                // still ends the request once rather than spinning.
                await end(.cancelled, machine.tally)
                return .cancelled
            }
        }
    }

    /// The next upstream event: a chunk, the end of the body, a failure, or cancellation.
    private static func read<Codec: StreamCodec>(_ iterator: inout UpstreamBody.Iterator) async -> StreamLifecycle<Codec>.Event {
        do {
            guard let chunk = try await iterator.next() else { return .upstreamEnded }
            return .upstreamChunk(chunk)
        } catch is CancellationError {
            return .cancelled
        } catch let error as GatewayError {
            return .upstreamFailed(error)
        } catch {
            return .upstreamFailed(GatewayError(.upstreamUnavailable, "Upstream stream broke (\(error)).", code: "upstream_broken"))
        }
    }
}
