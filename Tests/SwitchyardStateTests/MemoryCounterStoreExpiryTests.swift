import Foundation
import SwitchyardState
import Testing

@Suite struct MemoryCounterStoreExpiryTests {
    @Test func aCounterReadsZeroOnceItsWindowHasEnded() async throws {
        let clock = StateTestClock()
        let store = MemoryCounterStore(now: clock.reading)
        let key = CounterKey("rpm:k", expiresAt: clock.now.addingTimeInterval(60))
        try await store.add([CounterIncrement(key, amount: 3)])
        clock.advance(59.9)
        #expect(try await store.values([key]) == [3])
        clock.advance(0.1)
        #expect(try await store.values([key]) == [0])
    }

    @Test func anExpiredCounterStartsAgainFromZeroAndAdmits() async throws {
        let clock = StateTestClock()
        let store = MemoryCounterStore(now: clock.reading)
        let key = CounterKey("rpm:k", expiresAt: clock.now.addingTimeInterval(60))
        #expect(try await store.acquire([CounterIncrement(key, amount: 1, limit: 1)]) == .admitted(values: [1]))
        #expect(try await store.acquire([CounterIncrement(key, amount: 1, limit: 1)]) == .refused(index: 0, value: 1))
        clock.advance(60)
        let next = CounterKey("rpm:k", expiresAt: clock.now.addingTimeInterval(60))
        #expect(try await store.acquire([CounterIncrement(next, amount: 1, limit: 1)]) == .admitted(values: [1]))
    }

    @Test func raiseOnAnExpiredCounterStartsFromZero() async throws {
        let clock = StateTestClock()
        let store = MemoryCounterStore(now: clock.reading)
        let key = CounterKey("spend", expiresAt: clock.now.addingTimeInterval(10))
        try await store.add([CounterIncrement(key, amount: 9)])
        clock.advance(10)
        try await store.raise(CounterKey("spend", expiresAt: clock.now.addingTimeInterval(10)), toAtLeast: 2)
        #expect(try await store.values([key]) == [2])
    }

    @Test func aCounterWithoutExpiryIsKept() async throws {
        let clock = StateTestClock()
        let store = MemoryCounterStore(sweepEvery: 1, now: clock.reading)
        try await store.add([CounterIncrement(CounterKey("forever"), amount: 1)])
        clock.advance(86_400 * 365)
        try await store.add([CounterIncrement(CounterKey("other"), amount: 1)])
        #expect(try await store.values([CounterKey("forever")]) == [1])
        #expect(store.count == 2)
    }

    @Test func theSweepDropsExpiredEntriesOnly() async throws {
        let clock = StateTestClock()
        let store = MemoryCounterStore(sweepEvery: 3, now: clock.reading)
        let start = clock.now
        try await store.add([
            CounterIncrement(CounterKey("short", expiresAt: start.addingTimeInterval(10)), amount: 1),
            CounterIncrement(CounterKey("long", expiresAt: start.addingTimeInterval(100)), amount: 1),
        ])
        clock.advance(10)
        try await store.add([CounterIncrement(CounterKey("kept"), amount: 1)])
        // Two operations so far: no sweep yet, the expired entry is still held.
        #expect(store.count == 3)
        _ = try await store.acquire([CounterIncrement(CounterKey("kept"), amount: 1)])
        #expect(store.count == 2)
        #expect(try await store.values([CounterKey("long"), CounterKey("kept")]) == [1, 2])
    }

    @Test func aPureCheckCreatesNoCounter() async throws {
        let counters = MemoryCounterStore()
        _ = try await counters.acquire([CounterIncrement(CounterKey("spend:c:random-user"), amount: 0, limit: 10, inclusive: false)])
        #expect(counters.count == 0)
    }
}
