import NIOCore
import NIOHTTP1

/// The answer to an upstream request: the status and headers at once, the body as it arrives.
public struct UpstreamHTTPResponse: Sendable {
    /// Status line and headers.
    public var head: HTTPResponseHead
    /// The body.
    public var body: UpstreamResponseBody
}

/// One request on its way: from the caller's suspension to the response head. Lives on its pool's event loop;
/// every property is touched there only.
final class Exchange: @unchecked Sendable {
    /// Where the request is.
    enum Phase {
        /// Not handed to a pool yet.
        case new
        /// Queued in the pool for a free connection.
        case waiting(Scheduled<Void>)
        /// A connection is being opened for it.
        case connecting
        /// Written (or being written) on this connection, waiting for the head.
        case sent(HTTPConnection)
        /// The caller has its answer or its error.
        case done
    }

    let id: Int
    let head: HTTPRequestHead
    let body: ByteBuffer?
    /// Read timeout: the longest wait for the head, and the longest silence in the body.
    let timeout: TimeAmount
    /// Safe to send twice: the method is idempotent or the request carries an `Idempotency-Key`.
    let replayable: Bool
    var phase = Phase.new
    /// Sent once already on a reused connection that closed before answering.
    var retried = false
    /// Cancelled before it reached a pool.
    var cancelledEarly = false
    private var continuation: UnsafeContinuation<UpstreamHTTPResponse, any Error>?

    init(id: Int, head: HTTPRequestHead, body: ByteBuffer?, timeout: TimeAmount) {
        self.id = id
        self.head = head
        self.body = body
        self.timeout = timeout
        switch head.method {
        case .GET, .HEAD, .OPTIONS, .TRACE, .PUT, .DELETE: self.replayable = true
        default: self.replayable = head.headers.contains(name: "idempotency-key")
        }
    }

    /// Whether the caller still waits.
    var isDone: Bool {
        if case .done = phase { return true }
        return false
    }

    /// Takes the caller's continuation; false if it was cancelled before (the continuation is then failed).
    func attach(_ continuation: UnsafeContinuation<UpstreamHTTPResponse, any Error>) -> Bool {
        if cancelledEarly {
            phase = .done
            continuation.resume(throwing: CancellationError())
            return false
        }
        self.continuation = continuation
        return true
    }

    func succeed(_ response: UpstreamHTTPResponse) {
        phase = .done
        let continuation = self.continuation
        self.continuation = nil
        continuation?.resume(returning: response)
    }

    /// Leaves the pool's queue: its wait timer is no longer needed.
    func leaveQueue() {
        if case .waiting(let timer) = phase { timer.cancel() }
    }

    func fail(_ error: any Error) {
        leaveQueue()
        phase = .done
        let continuation = self.continuation
        self.continuation = nil
        continuation?.resume(throwing: error)
    }
}
