import Foundation
import SwitchyardState
import Testing

/// The ``CounterStore`` implementations the conformance tests run against. The Redis store adds a case here, and
/// every test of the protocol's behaviour then runs against it too.
enum CounterStoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case memory

    var testDescription: String { rawValue }

    /// A store with no counters the test has not made: each test names its counters under a fresh ``namespace()``.
    func make() -> any CounterStore {
        switch self {
        case .memory: MemoryCounterStore()
        }
    }

    /// A prefix no other test uses, so tests sharing one server do not see each other's counters.
    static func namespace() -> String { "test:\(UUID().uuidString):" }
}
