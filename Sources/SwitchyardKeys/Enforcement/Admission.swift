import Foundation
import SwitchyardState

/// A request that passed access control: what it holds (an in-flight slot), what its usage and cost
/// are added to when it ends, and the rate-limit headers of its answer.
public struct Admission: Sendable {
    /// Who is calling.
    public var caller: Caller
    /// The model group to route: the requested one, or what the key's `aliases` map it to.
    public var model: String
    /// The request's `user` field: the customer who is charged too.
    public var customerID: String?
    /// `x-ratelimit-*` headers for the answer (lowercase names).
    public var headers: [(name: String, value: String)] = []
    /// When access control let the request through.
    public var admittedAt: Date
    /// In-flight slots to give back when the request ends.
    var inFlight: [CounterKey] = []
    /// Token counters (tpm windows) the request's tokens are added to.
    var tokenCounters: [CounterKey] = []
    /// Spend counters the request's cost is added to.
    var spendCounters: [CounterKey] = []

    /// An admission that holds nothing (the master key, when no proxy budget or customer applies).
    public init(caller: Caller, model: String, customerID: String?, admittedAt: Date) {
        self.caller = caller
        self.model = model
        self.customerID = customerID
        self.admittedAt = admittedAt
    }
}
