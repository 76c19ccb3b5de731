import Foundation
import SwitchyardState
import Testing

@Suite struct CounterStoreConcurrencyTests {
    let ns = CounterStoreKind.namespace()

    @Test(arguments: CounterStoreKind.allCases)
    func concurrentAcquiresNeverExceedTheLimit(_ kind: CounterStoreKind) async throws {
        let store = kind.make()
        let key = CounterKey(ns + "rpm:shared")
        let admitted = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<1000 {
                group.addTask {
                    if case .admitted = try await store.acquire([CounterIncrement(key, amount: 1, limit: 100)]) { return true }
                    return false
                }
            }
            var count = 0
            for try await ok in group where ok { count += 1 }
            return count
        }
        #expect(admitted == 100)
        #expect(try await store.values([key]) == [100])
    }

    @Test(arguments: CounterStoreKind.allCases)
    func concurrentMultiCounterAcquiresKeepEveryCounterWithinItsLimit(_ kind: CounterStoreKind) async throws {
        let store = kind.make()
        let narrow = CounterKey(ns + "narrow")
        let wide = CounterKey(ns + "wide")
        let admitted = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<500 {
                group.addTask {
                    // Half the tasks list the counters in the other order: the check must still be one step.
                    let increments = [CounterIncrement(wide, amount: 1, limit: 400), CounterIncrement(narrow, amount: 1, limit: 30)]
                    let decision = try await store.acquire(index.isMultiple(of: 2) ? increments : increments.reversed())
                    if case .admitted = decision { return true }
                    return false
                }
            }
            var count = 0
            for try await ok in group where ok { count += 1 }
            return count
        }
        #expect(admitted == 30)
        #expect(try await store.values([narrow, wide]) == [30, 30])
    }
}
