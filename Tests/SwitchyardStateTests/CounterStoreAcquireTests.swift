import Foundation
import SwitchyardState
import Testing

@Suite struct CounterStoreAcquireTests {
    let ns = CounterStoreKind.namespace()
    var a: CounterKey { CounterKey(ns + "a") }
    var b: CounterKey { CounterKey(ns + "b") }
    var c: CounterKey { CounterKey(ns + "c") }

    @Test(arguments: CounterStoreKind.allCases)
    func admitsAndReturnsTheValuesAfterTheChangeInOrder(_ kind: CounterStoreKind) async throws {
        let store = kind.make()
        try await store.add([CounterIncrement(a, amount: 2)])
        let decision = try await store.acquire([CounterIncrement(a, amount: 1, limit: 5), CounterIncrement(b, amount: 0.5)])
        #expect(decision == .admitted(values: [3, 0.5]))
        #expect(try await store.values([a, b, CounterKey(ns + "missing")]) == [3, 0.5, 0])
    }

    @Test(arguments: CounterStoreKind.allCases)
    func aRefusedCheckChangesNoCounter(_ kind: CounterStoreKind) async throws {
        let store = kind.make()
        try await store.add([CounterIncrement(b, amount: 4)])
        let decision = try await store.acquire([
            CounterIncrement(a, amount: 1, limit: 10),
            CounterIncrement(b, amount: 1, limit: 4),
            CounterIncrement(c, amount: 7),
        ])
        #expect(decision == .refused(index: 1, value: 4))
        #expect(try await store.values([a, b, c]) == [0, 4, 0])
    }

    @Test(arguments: CounterStoreKind.allCases)
    func anInclusiveLimitMayBeReachedButNotPassed(_ kind: CounterStoreKind) async throws {
        let store = kind.make()
        try await store.add([CounterIncrement(a, amount: 4)])
        #expect(try await store.acquire([CounterIncrement(a, amount: 1, limit: 5, inclusive: true)]) == .admitted(values: [5]))
        #expect(try await store.acquire([CounterIncrement(a, amount: 1, limit: 5, inclusive: true)]) == .refused(index: 0, value: 5))
    }

    @Test(arguments: CounterStoreKind.allCases)
    func anExclusiveLimitMustStayBelow(_ kind: CounterStoreKind) async throws {
        let store = kind.make()
        try await store.add([CounterIncrement(a, amount: 0.99)])
        #expect(try await store.acquire([CounterIncrement(a, amount: 0, limit: 1, inclusive: false)]) == .admitted(values: [0.99]))
        try await store.add([CounterIncrement(a, amount: 0.01)])
        #expect(try await store.acquire([CounterIncrement(a, amount: 0, limit: 1, inclusive: false)]) == .refused(index: 0, value: 1))
    }

    @Test(arguments: CounterStoreKind.allCases)
    func incrementsWithoutALimitAlwaysPass(_ kind: CounterStoreKind) async throws {
        let store = kind.make()
        try await store.add([CounterIncrement(a, amount: 1_000_000)])
        #expect(try await store.acquire([CounterIncrement(a, amount: 1)]) == .admitted(values: [1_000_001]))
    }
}
