import Foundation
import Synchronization

/// The in-memory copy of keys (with their team and user) and customers that requests read, so that
/// a known key costs no database round trip. Entries carry when they were loaded; the caller decides
/// whether an entry is fresh enough.
final class KeyCache: Sendable {
    struct Entry<Value: Sendable>: Sendable {
        var value: Value
        var loadedAt: Date
    }

    private struct State {
        /// Bumped by every removal: a load that started before a removal must not cache what it read.
        var generation = 0
        var keys: [String: Entry<Caller>] = [:]
        var customers: [String: Entry<CustomerRecord?>] = [:]
        var proxyBudget: Entry<UserRecord?>?
    }

    private let state = Mutex(State())
    /// Entries kept at most; beyond it the cache is emptied (keys are read again on their next use).
    let capacity: Int

    init(capacity: Int = 100_000) {
        self.capacity = capacity
    }

    func key(hash: String) -> Entry<Caller>? { state.withLock { $0.keys[hash] } }

    /// The current generation, read before a load from the store.
    var generation: Int { state.withLock { $0.generation } }

    /// Caches a loaded caller, unless something was removed since `generation` was read (an admin change
    /// made while the load ran: caching the older read would undo it for a whole TTL).
    func store(_ caller: Caller, hash: String, at date: Date, loadedSince generation: Int? = nil) {
        state.withLock { state in
            if let generation, generation != state.generation { return }
            if state.keys.count >= capacity { state.keys.removeAll(keepingCapacity: true) }
            state.keys[hash] = Entry(value: caller, loadedAt: date)
        }
    }

    func removeKey(hash: String) {
        state.withLock { state in
            state.generation &+= 1
            state.keys.removeValue(forKey: hash)
        }
    }

    func removeKeys(where predicate: (Caller) -> Bool) {
        state.withLock { state in
            state.generation &+= 1
            state.keys = state.keys.filter { !predicate($0.value.value) }
        }
    }

    func customer(id: String) -> Entry<CustomerRecord?>? { state.withLock { $0.customers[id] } }

    func store(customer: CustomerRecord?, id: String, at date: Date, loadedSince generation: Int? = nil) {
        state.withLock { state in
            if let generation, generation != state.generation { return }
            if state.customers.count >= capacity { state.customers.removeAll(keepingCapacity: true) }
            state.customers[id] = Entry(value: customer, loadedAt: date)
        }
    }

    func removeCustomer(id: String) {
        state.withLock { state in
            state.generation &+= 1
            state.customers.removeValue(forKey: id)
        }
    }

    var proxyBudget: Entry<UserRecord?>? { state.withLock { $0.proxyBudget } }

    func store(proxyBudget: UserRecord?, at date: Date) {
        state.withLock { $0.proxyBudget = Entry(value: proxyBudget, loadedAt: date) }
    }

    func removeProxyBudget() { state.withLock { $0.proxyBudget = nil } }
}
