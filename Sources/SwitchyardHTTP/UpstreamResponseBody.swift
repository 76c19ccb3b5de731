import NIOConcurrencyHelpers
import NIOCore

/// The body of one upstream response, read chunk by chunk as the network delivers it.
///
/// Chunks keep the boundaries of the socket reads that produced them: a chunk the upstream flushed is
/// handed out as soon as it arrived, never held back to be joined with the next one. When the reader
/// falls behind by more than ``BodyBuffer/highWatermark`` bytes the connection stops reading the socket
/// (TCP pushes back on the upstream) until the reader has caught up to ``BodyBuffer/lowWatermark``.
///
/// One reader only. A body dropped before its end closes the connection (it cannot be reused with a
/// response half read); reading it to the end returns the connection to its pool.
public final class UpstreamResponseBody: Sendable {
    let buffer: BodyBuffer

    init(buffer: BodyBuffer) {
        self.buffer = buffer
    }

    deinit {
        buffer.readerGone()
    }

    /// The next chunk, or nil at the end of the body. Throws an ``UpstreamHTTPError`` if the connection
    /// broke or went silent for longer than the read timeout, and `CancellationError` if the task is cancelled.
    public func next() async throws -> ByteBuffer? {
        switch try buffer.take() {
        case .chunk(let chunk): return chunk
        case .end: return nil
        case nil: break
        }
        return try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { continuation in
                buffer.wait(continuation)
            }
        } onCancel: {
            buffer.cancel()
        }
    }

    /// A body that is already complete (for tests and in-process producers).
    public static func complete(_ chunks: [ByteBuffer]) -> UpstreamResponseBody {
        let buffer = BodyBuffer(source: nil)
        for chunk in chunks { _ = buffer.append(chunk) }
        buffer.finish()
        return UpstreamResponseBody(buffer: buffer)
    }
}

/// The hand-over between a connection (on its event loop) and the body's reader (any thread): a queue of
/// chunks, the end or the failure, and at most one suspended reader. Every access holds the lock.
final class BodyBuffer: @unchecked Sendable {
    /// Buffered bytes above which the connection stops reading.
    static let highWatermark = 256 * 1024
    /// Buffered bytes below which a paused connection reads again.
    static let lowWatermark = 64 * 1024

    private struct State {
        var chunks = CircularBuffer<ByteBuffer>(initialCapacity: 4)
        var bytes = 0
        var ended = false
        var failure: (any Error)?
        var reader: UnsafeContinuation<ByteBuffer?, any Error>?
        var paused = false
        var readerGone = false
    }

    private let lock = NIOLock()
    private var state = State()
    /// The connection filling the buffer (called off the lock, from any thread): asked to read again, or
    /// told that the reader is gone before the end. Nil for a body produced in-process.
    private let source: (any BodySource)?

    /// What a reader finds without waiting.
    enum Ready {
        case chunk(ByteBuffer)
        case end
    }

    init(source: (any BodySource)?) {
        self.source = source
    }

    // MARK: Connection side (its event loop)

    /// Adds a chunk; returns true if the connection should pause reading.
    func append(_ chunk: ByteBuffer) -> Bool {
        let waiting: UnsafeContinuation<ByteBuffer?, any Error>?
        let pause: Bool
        lock.lock()
        if state.ended || state.readerGone {
            lock.unlock()
            return false
        }
        if let reader = state.reader {
            state.reader = nil
            waiting = reader
            pause = false
        } else {
            waiting = nil
            state.chunks.append(chunk)
            state.bytes += chunk.readableBytes
            pause = state.bytes > Self.highWatermark
            if pause { state.paused = true }
        }
        lock.unlock()
        waiting?.resume(returning: chunk)
        return pause
    }

    /// The body is complete.
    func finish() {
        end(with: nil)
    }

    /// The body broke.
    func fail(_ error: any Error) {
        end(with: error)
    }

    private func end(with error: (any Error)?) {
        lock.lock()
        guard !state.ended else {
            lock.unlock()
            return
        }
        state.ended = true
        state.failure = error
        let waiting = state.reader
        state.reader = nil
        lock.unlock()
        if let waiting {
            if let error { waiting.resume(throwing: error) } else { waiting.resume(returning: nil) }
        }
    }

    // MARK: Reader side

    /// What the reader finds under the lock.
    private enum Found {
        case chunk(ByteBuffer)
        case end
        case failed(any Error)
        case nothing
    }

    /// Under the lock: the next chunk, the end or the failure, and whether the connection should read again
    /// (the reader has caught up to the low watermark).
    private func nextLocked() -> (found: Found, resume: Bool) {
        // Cancelled: chunks were dropped, so an end seen now would pass a cut body off as whole.
        if state.readerGone { return (.failed(CancellationError()), false) }
        if let chunk = state.chunks.popFirst() {
            state.bytes -= chunk.readableBytes
            let resume = state.paused && state.bytes <= Self.lowWatermark
            if resume { state.paused = false }
            return (.chunk(chunk), resume)
        }
        if state.ended { return (state.failure.map { .failed($0) } ?? .end, false) }
        return (.nothing, false)
    }

    /// A buffered chunk or the end, nil if the reader must wait; throws the failure the body ended with.
    func take() throws -> Ready? {
        lock.lock()
        let (found, resume) = nextLocked()
        lock.unlock()
        if resume { source?.resumeReading(for: self) }
        switch found {
        case .chunk(let chunk): return .chunk(chunk)
        case .end: return .end
        case .failed(let error): throw error
        case .nothing: return nil
        }
    }

    /// Suspends the reader until a chunk, the end or a failure arrives (answered at once if one already has).
    func wait(_ continuation: UnsafeContinuation<ByteBuffer?, any Error>) {
        lock.lock()
        var (found, resume) = nextLocked()
        if case .nothing = found {
            state.reader = continuation
            resume = state.paused
            state.paused = false
        }
        lock.unlock()
        if resume { source?.resumeReading(for: self) }
        switch found {
        case .chunk(let chunk): continuation.resume(returning: chunk)
        case .end: continuation.resume(returning: nil)
        case .failed(let error): continuation.resume(throwing: error)
        case .nothing: break
        }
    }

    /// The reading task was cancelled: a suspended read throws `CancellationError` and the connection closes.
    func cancel() {
        lock.lock()
        let waiting = state.reader
        state.reader = nil
        let wasEnded = state.ended
        state.readerGone = true
        state.chunks.removeAll()
        state.bytes = 0
        lock.unlock()
        waiting?.resume(throwing: CancellationError())
        if !wasEnded { source?.readerAbandoned(self) }
    }

    /// The reader dropped the body.
    func readerGone() {
        lock.lock()
        let wasEnded = state.ended
        state.readerGone = true
        state.chunks.removeAll()
        state.bytes = 0
        lock.unlock()
        if !wasEnded { source?.readerAbandoned(self) }
    }
}

/// What fills a ``BodyBuffer``: the connection, which may be asked from any thread to read again, or told
/// that the reader went away. A buffer names itself, so a connection ignores calls from a body it has
/// already finished.
protocol BodySource: AnyObject, Sendable {
    func resumeReading(for buffer: BodyBuffer)
    func readerAbandoned(_ buffer: BodyBuffer)
}
