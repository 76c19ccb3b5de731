import Foundation
import SwitchyardState
import Testing

@Suite struct MemoryCounterStoreAcquireTests {
    let a = CounterKey("a")
    let b = CounterKey("b")

    @Test func admitsAndReturnsTheValuesAfterTheChangeInOrder() async throws {
        let store = MemoryCounterStore()
        try await store.add([CounterIncrement(a, amount: 2)])
        let decision = try await store.acquire([CounterIncrement(a, amount: 1, limit: 5), CounterIncrement(b, amount: 0.5)])
        #expect(decision == .admitted(values: [3, 0.5]))
        #expect(try await store.values([a, b, CounterKey("missing")]) == [3, 0.5, 0])
    }

    @Test func aRefusedCheckChangesNoCounter() async throws {
        let store = MemoryCounterStore()
        try await store.add([CounterIncrement(b, amount: 4)])
        let decision = try await store.acquire([
            CounterIncrement(a, amount: 1, limit: 10),
            CounterIncrement(b, amount: 1, limit: 4),
            CounterIncrement(CounterKey("c"), amount: 7),
        ])
        #expect(decision == .refused(index: 1, value: 4))
        #expect(try await store.values([a, b, CounterKey("c")]) == [0, 4, 0])
    }

    @Test func anInclusiveLimitMayBeReachedButNotPassed() async throws {
        let store = MemoryCounterStore()
        try await store.add([CounterIncrement(a, amount: 4)])
        #expect(try await store.acquire([CounterIncrement(a, amount: 1, limit: 5, inclusive: true)]) == .admitted(values: [5]))
        #expect(try await store.acquire([CounterIncrement(a, amount: 1, limit: 5, inclusive: true)]) == .refused(index: 0, value: 5))
    }

    @Test func anExclusiveLimitMustStayBelow() async throws {
        let store = MemoryCounterStore()
        try await store.add([CounterIncrement(a, amount: 0.99)])
        #expect(try await store.acquire([CounterIncrement(a, amount: 0, limit: 1, inclusive: false)]) == .admitted(values: [0.99]))
        try await store.add([CounterIncrement(a, amount: 0.01)])
        #expect(try await store.acquire([CounterIncrement(a, amount: 0, limit: 1, inclusive: false)]) == .refused(index: 0, value: 1))
    }

    @Test func incrementsWithoutALimitAlwaysPass() async throws {
        let store = MemoryCounterStore()
        try await store.add([CounterIncrement(a, amount: 1_000_000)])
        #expect(try await store.acquire([CounterIncrement(a, amount: 1)]) == .admitted(values: [1_000_001]))
    }

    @Test func aNegativeAmountReleasesASlot() async throws {
        let store = MemoryCounterStore()
        #expect(try await store.acquire([CounterIncrement(a, amount: 1, limit: 1)]) == .admitted(values: [1]))
        #expect(try await store.acquire([CounterIncrement(a, amount: 1, limit: 1)]) == .refused(index: 0, value: 1))
        try await store.add([CounterIncrement(a, amount: -1)])
        #expect(try await store.acquire([CounterIncrement(a, amount: 1, limit: 1)]) == .admitted(values: [1]))
    }

    @Test func raiseLiftsACounterButNeverLowersIt() async throws {
        let store = MemoryCounterStore()
        try await store.raise(a, toAtLeast: 3)
        #expect(try await store.values([a]) == [3])
        try await store.add([CounterIncrement(a, amount: 2)])
        try await store.raise(a, toAtLeast: 4)
        #expect(try await store.values([a]) == [5])
        try await store.raise(a, toAtLeast: 7.5)
        #expect(try await store.values([a]) == [7.5])
    }
}
