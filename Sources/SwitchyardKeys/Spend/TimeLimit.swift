import Synchronization

/// Waits for an operation for a bounded time, without ever waiting for an operation that is stuck.
///
/// A task group or `async let` would wait for a child that never returns, even after cancelling it; here the
/// operation runs in a task of its own, and the caller stops waiting at the limit (or when it is cancelled),
/// leaving the operation cancelled and abandoned. An abandoned write may still complete later, so only
/// idempotent operations belong here.
enum TimeLimit {
    /// Runs `operation` and returns its result, or throws ``TimeLimitExceeded`` after `limit` and
    /// `CancellationError` when the calling task is cancelled first.
    static func run<R: Sendable>(_ limit: Duration, _ operation: @escaping @Sendable () async throws -> R) async throws -> R {
        let outcome = FirstOutcome<R>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                outcome.start(continuation)
                let work = Task {
                    do {
                        outcome.finish(.success(try await operation()))
                    } catch {
                        outcome.finish(.failure(error))
                    }
                }
                let timer = Task {
                    // Cancelled once the work has finished: then there is nothing to report.
                    guard (try? await Task.sleep(for: limit)) != nil else { return }
                    outcome.finish(.failure(TimeLimitExceeded(limit: limit)))
                }
                outcome.track(work: work, timer: timer)
            }
        } onCancel: {
            outcome.finish(.failure(CancellationError()))
        }
    }
}

/// An operation given a time limit did not finish within it; it may still finish later.
struct TimeLimitExceeded: Error, CustomStringConvertible {
    /// The time it was given.
    var limit: Duration

    var description: String { "no answer within \(limit)" }
}

/// The one continuation a time-limited wait resumes: with the first of the operation's result, the time
/// limit and the caller's cancellation. Whichever comes first also cancels the operation and the timer.
private final class FirstOutcome<R: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<R, any Error>?
        /// Set when an outcome arrives before the continuation (cancellation can).
        var early: Result<R, any Error>?
        var done = false
        var work: Task<Void, Never>?
        var timer: Task<Void, Never>?
    }

    private let state = Mutex(State())

    func start(_ continuation: CheckedContinuation<R, any Error>) {
        let early = state.withLock { state -> Result<R, any Error>? in
            guard let early = state.early else {
                state.continuation = continuation
                return nil
            }
            state.early = nil
            return early
        }
        if let early { continuation.resume(with: early) }
    }

    func track(work: Task<Void, Never>, timer: Task<Void, Never>) {
        let finished = state.withLock { state -> Bool in
            guard !state.done else { return true }
            state.work = work
            state.timer = timer
            return false
        }
        if finished {
            work.cancel()
            timer.cancel()
        }
    }

    func finish(_ result: Result<R, any Error>) {
        let taken = state.withLock { state -> (CheckedContinuation<R, any Error>?, Task<Void, Never>?, Task<Void, Never>?)? in
            guard !state.done else { return nil }
            state.done = true
            guard let continuation = state.continuation else {
                state.early = result
                return (nil, state.work, state.timer)
            }
            state.continuation = nil
            return (continuation, state.work, state.timer)
        }
        guard let (continuation, work, timer) = taken else { return }
        work?.cancel()
        timer?.cancel()
        continuation?.resume(with: result)
    }
}
