import NIOCore

/// The bookkeeping of one pool (one origin on one event loop) as a value: events in, actions out, no I/O,
/// so every path — reuse, connect, wait, hand-over, expiry, shutdown — is tested without sockets
/// (AsyncHTTPClient tests its `HTTPConnectionPool.StateMachine` the same way).
///
/// Connections and waiting requests are named by integer ids the pool hands out. A request that finds no
/// idle connection and room under the limit opens a connection of its own and is the one to use it; at the
/// limit it waits, and is handed the next connection released or the next one opened after a close.
struct PoolStateMachine: Sendable {
    /// An idle connection and until when it may be reused.
    struct Idle: Equatable, Sendable {
        var id: Int
        /// Parked at: the idle timeout counts from here.
        var since: NIODeadline
        /// The server's own keep-alive limit (`Keep-Alive: timeout=N`) minus a margin, if it gave one.
        var reuseUntil: NIODeadline?
    }

    /// What to do with a request asking for a connection.
    enum LeaseAction: Equatable, Sendable {
        /// Send it on this idle connection.
        case use(connection: Int)
        /// Open a connection for it.
        case connect
        /// The pool is at its limit: queue it until a connection is free.
        case wait
        /// The pool is shut down.
        case fail
    }

    /// What to do with a connection whose response has ended.
    enum ReleaseAction: Equatable, Sendable {
        /// Send this waiting request on it.
        case handOver(connection: Int, waiter: Int)
        /// Keep it idle.
        case park
        /// Close it (not reusable, or the pool is shutting down).
        case close
    }

    let maxConnections: Int
    let idleTimeout: TimeAmount
    /// Idle connections, most recently used last (reuse takes the warmest one).
    private(set) var idle: [Idle] = []
    /// Connections carrying a request.
    private(set) var leased = 0
    /// Connections being opened.
    private(set) var connecting = 0
    /// Requests waiting for a connection, oldest first.
    private(set) var waiters = CircularBuffer<Int>()
    private(set) var isShutDown = false

    init(maxConnections: Int, idleTimeout: TimeAmount) {
        self.maxConnections = max(1, maxConnections)
        self.idleTimeout = idleTimeout
    }

    /// Connections open or being opened.
    var total: Int { idle.count + leased + connecting }

    /// A request `waiter` wants a connection at `now`. Idle connections past their time are returned in
    /// `expired` for the pool to close. A `fresh` lease (a retry after a reused connection failed) never
    /// takes an idle connection; at the limit it closes the least recently used idle one to make room.
    mutating func lease(waiter: Int, now: NIODeadline, fresh: Bool = false) -> (action: LeaseAction, expired: [Int]) {
        guard !isShutDown else { return (.fail, []) }
        var expired: [Int] = []
        if fresh {
            if total >= maxConnections, !idle.isEmpty { expired.append(idle.removeFirst().id) }
            if total < maxConnections {
                connecting += 1
                return (.connect, expired)
            }
            waiters.append(waiter)
            return (.wait, expired)
        }
        while let candidate = idle.popLast() {
            if isReusable(candidate, now: now) {
                leased += 1
                return (.use(connection: candidate.id), expired)
            }
            expired.append(candidate.id)
        }
        if total < maxConnections {
            connecting += 1
            return (.connect, expired)
        }
        waiters.append(waiter)
        return (.wait, expired)
    }

    /// The request on leased connection `id` ended; `reusable` if the connection may carry another.
    mutating func release(_ id: Int, reusable: Bool, reuseUntil: NIODeadline?, now: NIODeadline) -> ReleaseAction {
        leased -= 1
        guard reusable, !isShutDown, reuseUntil.map({ $0 > now }) ?? true else { return .close }
        if let waiter = waiters.popFirst() {
            leased += 1
            return .handOver(connection: id, waiter: waiter)
        }
        idle.append(Idle(id: id, since: now, reuseUntil: reuseUntil))
        return .park
    }

    /// A connection opened for a request is up; that request uses it.
    mutating func connected() {
        connecting -= 1
        leased += 1
    }

    /// Opening a connection failed (its request fails). Returns a waiter to open a connection for, if any.
    mutating func connectFailed() -> Int? {
        connecting -= 1
        return connectForNextWaiter()
    }

    /// Connection `id` closed; `wasLeased` if it carried a request, else it was idle (or already released
    /// to be closed). Returns a waiter to open a connection for, if any.
    mutating func closed(_ id: Int, wasLeased: Bool) -> Int? {
        if wasLeased {
            leased -= 1
        } else if let index = idle.firstIndex(where: { $0.id == id }) {
            idle.remove(at: index)
        }
        return connectForNextWaiter()
    }

    /// A waiting request gave up (timeout, cancellation); false if it was not waiting any more.
    mutating func cancelWaiter(_ waiter: Int) -> Bool {
        guard let index = waiters.firstIndex(of: waiter) else { return false }
        waiters.remove(at: index)
        return true
    }

    /// Idle connections past the idle timeout or the server's keep-alive limit at `now`, removed for closing.
    mutating func sweep(now: NIODeadline) -> [Int] {
        var expired: [Int] = []
        var kept: [Idle] = []
        for connection in idle {
            if isReusable(connection, now: now) {
                kept.append(connection)
            } else {
                expired.append(connection.id)
            }
        }
        idle = kept
        return expired
    }

    /// Shuts the pool: returns the idle connections to close and the waiters to fail. Leased connections
    /// finish their request and are closed when released.
    mutating func shutDown() -> (close: [Int], fail: [Int]) {
        isShutDown = true
        let close = idle.map(\.id)
        idle.removeAll()
        let fail = Array(waiters)
        waiters.removeAll()
        return (close, fail)
    }

    private func isReusable(_ connection: Idle, now: NIODeadline) -> Bool {
        if let limit = connection.reuseUntil, limit <= now { return false }
        return connection.since + idleTimeout > now
    }

    private mutating func connectForNextWaiter() -> Int? {
        guard !isShutDown, total < maxConnections, let waiter = waiters.popFirst() else { return nil }
        connecting += 1
        return waiter
    }
}
