import Foundation
import SwitchyardState
import Testing

@Suite struct CounterStoreAddAndRaiseTests {
    let ns = CounterStoreKind.namespace()
    var a: CounterKey { CounterKey(ns + "a") }

    @Test(arguments: CounterStoreKind.allCases)
    func aNegativeAmountReleasesASlot(_ kind: CounterStoreKind) async throws {
        let store = kind.make()
        #expect(try await store.acquire([CounterIncrement(a, amount: 1, limit: 1)]) == .admitted(values: [1]))
        #expect(try await store.acquire([CounterIncrement(a, amount: 1, limit: 1)]) == .refused(index: 0, value: 1))
        try await store.add([CounterIncrement(a, amount: -1)])
        #expect(try await store.acquire([CounterIncrement(a, amount: 1, limit: 1)]) == .admitted(values: [1]))
    }

    @Test(arguments: CounterStoreKind.allCases)
    func raiseLiftsACounterButNeverLowersIt(_ kind: CounterStoreKind) async throws {
        let store = kind.make()
        try await store.raise(a, toAtLeast: 3)
        #expect(try await store.values([a]) == [3])
        try await store.add([CounterIncrement(a, amount: 2)])
        try await store.raise(a, toAtLeast: 4)
        #expect(try await store.values([a]) == [5])
        try await store.raise(a, toAtLeast: 7.5)
        #expect(try await store.values([a]) == [7.5])
    }

    @Test(arguments: CounterStoreKind.allCases)
    func addChangesEveryCounterWithoutChecking(_ kind: CounterStoreKind) async throws {
        let store = kind.make()
        let b = CounterKey(ns + "b")
        try await store.add([CounterIncrement(a, amount: 5, limit: 1), CounterIncrement(b, amount: 2)])
        try await store.add([CounterIncrement(a, amount: 5, limit: 1)])
        #expect(try await store.values([a, b]) == [10, 2])
    }
}
