import Foundation
import SwitchyardState
import Testing

@Suite struct MemoryCounterStoreConcurrencyTests {
    @Test func concurrentAcquiresNeverExceedTheLimit() async throws {
        let store = MemoryCounterStore()
        let key = CounterKey("rpm:shared")
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

    @Test func concurrentMultiCounterAcquiresKeepEveryCounterWithinItsLimit() async throws {
        let store = MemoryCounterStore()
        let narrow = CounterKey("narrow")
        let wide = CounterKey("wide")
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
