import NIOCore
import Testing

@testable import SwitchyardHTTP

@Suite struct PoolStateMachineTests {
    let start = NIODeadline.uptimeNanoseconds(1_000_000_000)

    func machine(max: Int = 2, idle: TimeAmount = .seconds(60)) -> PoolStateMachine {
        PoolStateMachine(maxConnections: max, idleTimeout: idle)
    }

    @Test func aRequestOpensAConnectionAndTheNextOneReusesIt() {
        var pool = machine()
        let result1 = pool.lease(waiter: 1, now: start)
        #expect(result1.action == .connect)
        pool.connected()
        let result2 = pool.release(0, reusable: true, reuseUntil: nil, now: start)
        #expect(result2 == .park)
        let result3 = pool.lease(waiter: 2, now: start + .seconds(1))
        #expect(result3.action == .use(connection: 0))
        #expect(pool.total == 1 && pool.leased == 1 && pool.idle.isEmpty)
    }

    @Test func theWarmestIdleConnectionIsReusedFirst() {
        var pool = machine()
        _ = pool.lease(waiter: 1, now: start)
        _ = pool.lease(waiter: 2, now: start)
        pool.connected()
        pool.connected()
        _ = pool.release(7, reusable: true, reuseUntil: nil, now: start)
        _ = pool.release(8, reusable: true, reuseUntil: nil, now: start + .seconds(1))
        let result4 = pool.lease(waiter: 3, now: start + .seconds(2))
        #expect(result4.action == .use(connection: 8))
    }

    @Test func atTheLimitRequestsWaitInOrderAndGetReleasedConnections() {
        var pool = machine(max: 1)
        let result5 = pool.lease(waiter: 1, now: start)
        #expect(result5.action == .connect)
        pool.connected()
        let result6 = pool.lease(waiter: 2, now: start)
        #expect(result6.action == .wait)
        let result7 = pool.lease(waiter: 3, now: start)
        #expect(result7.action == .wait)
        let result8 = pool.release(0, reusable: true, reuseUntil: nil, now: start)
        #expect(result8 == .handOver(connection: 0, waiter: 2))
        let result9 = pool.release(0, reusable: true, reuseUntil: nil, now: start)
        #expect(result9 == .handOver(connection: 0, waiter: 3))
        let result10 = pool.release(0, reusable: true, reuseUntil: nil, now: start)
        #expect(result10 == .park)
        #expect(pool.total == 1)
    }

    @Test func aConnectionThatCannotBeReusedIsClosedAndAWaiterGetsANewOne() {
        var pool = machine(max: 1)
        _ = pool.lease(waiter: 1, now: start)
        pool.connected()
        let result11 = pool.lease(waiter: 2, now: start)
        #expect(result11.action == .wait)
        let result12 = pool.release(0, reusable: false, reuseUntil: nil, now: start)
        #expect(result12 == .close)
        // The close frees the slot: the waiter gets a connection of its own.
        let result13 = pool.closed(0, wasLeased: false)
        #expect(result13 == 2)
        #expect(pool.connecting == 1 && pool.waiters.isEmpty)
    }

    @Test func aFailedConnectLetsTheNextWaiterTry() {
        var pool = machine(max: 1)
        _ = pool.lease(waiter: 1, now: start)
        let result14 = pool.lease(waiter: 2, now: start)
        #expect(result14.action == .wait)
        let result15 = pool.connectFailed()
        #expect(result15 == 2)
        #expect(pool.connecting == 1)
        let result16 = pool.connectFailed()
        #expect(result16 == nil)
        #expect(pool.total == 0)
    }

    @Test func aLeasedConnectionThatClosesFreesItsSlot() {
        var pool = machine(max: 1)
        _ = pool.lease(waiter: 1, now: start)
        pool.connected()
        let result17 = pool.closed(0, wasLeased: true)
        #expect(result17 == nil)
        #expect(pool.total == 0)
        let result18 = pool.lease(waiter: 2, now: start)
        #expect(result18.action == .connect)
    }

    @Test func idleConnectionsExpireAfterTheIdleTimeout() {
        var pool = machine(idle: .seconds(10))
        _ = pool.lease(waiter: 1, now: start)
        pool.connected()
        _ = pool.release(0, reusable: true, reuseUntil: nil, now: start)
        let result19 = pool.sweep(now: start + .seconds(9))
        #expect(result19.isEmpty)
        let result20 = pool.sweep(now: start + .seconds(10))
        #expect(result20 == [0])
        #expect(pool.total == 0)
    }

    @Test func anExpiredIdleConnectionIsNotLeasedButReturnedForClosing() {
        var pool = machine(idle: .seconds(10))
        _ = pool.lease(waiter: 1, now: start)
        pool.connected()
        _ = pool.release(0, reusable: true, reuseUntil: nil, now: start)
        let lease = pool.lease(waiter: 2, now: start + .seconds(11))
        #expect(lease.action == .connect)
        #expect(lease.expired == [0])
    }

    @Test func theServersKeepAliveLimitIsRespected() {
        var pool = machine()
        _ = pool.lease(waiter: 1, now: start)
        pool.connected()
        _ = pool.release(0, reusable: true, reuseUntil: start + .seconds(4), now: start)
        let result21 = pool.lease(waiter: 2, now: start + .seconds(5))
        #expect(result21 == (.connect, [0]))
        // A limit already past: closed at release.
        pool.connected()
        let result22 = pool.release(1, reusable: true, reuseUntil: start, now: start + .seconds(6))
        #expect(result22 == .close)
    }

    @Test func aRetryNeverTakesAnIdleConnection() {
        var pool = machine(max: 2)
        _ = pool.lease(waiter: 1, now: start)
        pool.connected()
        _ = pool.release(0, reusable: true, reuseUntil: nil, now: start)
        let fresh = pool.lease(waiter: 2, now: start, fresh: true)
        #expect(fresh.action == .connect && fresh.expired.isEmpty)
        #expect(pool.idle.map(\.id) == [0])
        // At the limit, the least recently used idle connection makes room.
        pool.connected()
        let full = pool.lease(waiter: 3, now: start, fresh: true)
        #expect(full.action == .connect && full.expired == [0])
        #expect(pool.total == 2)
    }

    @Test func aCancelledWaiterLeavesTheQueue() {
        var pool = machine(max: 1)
        _ = pool.lease(waiter: 1, now: start)
        pool.connected()
        _ = pool.lease(waiter: 2, now: start)
        _ = pool.lease(waiter: 3, now: start)
        let result23 = pool.cancelWaiter(2)
        #expect(result23)
        let cancelledAgain = pool.cancelWaiter(2)
        #expect(!cancelledAgain)
        let result24 = pool.release(0, reusable: true, reuseUntil: nil, now: start)
        #expect(result24 == .handOver(connection: 0, waiter: 3))
    }

    @Test func shutdownClosesIdleFailsWaitersAndClosesLeasedOnRelease() {
        var pool = machine(max: 2)
        _ = pool.lease(waiter: 1, now: start)
        _ = pool.lease(waiter: 2, now: start)
        pool.connected()
        pool.connected()
        _ = pool.release(0, reusable: true, reuseUntil: nil, now: start)
        _ = pool.lease(waiter: 3, now: start)  // takes 0 again
        _ = pool.release(0, reusable: true, reuseUntil: nil, now: start)
        let result25 = pool.lease(waiter: 4, now: start)
        #expect(result25.action == .use(connection: 0))
        let result26 = pool.lease(waiter: 5, now: start)
        #expect(result26.action == .wait)
        let (close, fail) = pool.shutDown()
        #expect(close.isEmpty && fail == [5])
        let result27 = pool.release(0, reusable: true, reuseUntil: nil, now: start)
        #expect(result27 == .close)
        let result28 = pool.lease(waiter: 6, now: start)
        #expect(result28.action == .fail)
    }

    /// Random sequences of events keep the books consistent: never more connections than the limit, counts
    /// never negative, every waiter either served, cancelled or still queued.
    @Test func randomEventSequencesKeepTheBooksConsistent() {
        var random = SplitMix(seed: 42)
        for _ in 0..<200 {
            var pool = machine(max: 3, idle: .seconds(5))
            var now = start
            var leased: [Int] = []
            var connecting = 0
            var nextConnection = 0
            var nextWaiter = 0
            for _ in 0..<100 {
                now = now + .milliseconds(Int64(random.next() % 2000))
                switch random.next() % 6 {
                case 0, 1:
                    nextWaiter += 1
                    let (action, _) = pool.lease(waiter: nextWaiter, now: now)
                    switch action {
                    case .use(let id): leased.append(id)
                    case .connect: connecting += 1
                    case .wait, .fail: break
                    }
                case 2 where connecting > 0:
                    connecting -= 1
                    pool.connected()
                    leased.append(nextConnection)
                    nextConnection += 1
                case 3 where connecting > 0:
                    connecting -= 1
                    if pool.connectFailed() != nil { connecting += 1 }
                case 4 where !leased.isEmpty:
                    let id = leased.removeFirst()
                    switch pool.release(id, reusable: random.next() % 4 != 0, reuseUntil: nil, now: now) {
                    case .handOver: leased.append(id)
                    case .park: break
                    case .close: if pool.closed(id, wasLeased: false) != nil { connecting += 1 }
                    }
                case 5 where !leased.isEmpty:
                    let id = leased.removeLast()
                    if pool.closed(id, wasLeased: true) != nil { connecting += 1 }
                default:
                    _ = pool.sweep(now: now)
                }
                #expect(pool.total <= 3)
                #expect(pool.leased == leased.count)
                #expect(pool.connecting == connecting)
                #expect(pool.leased >= 0 && pool.connecting >= 0)
            }
        }
    }
}

/// A small deterministic random source for the property test.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
