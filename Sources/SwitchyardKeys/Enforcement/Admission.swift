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
    /// The model lists every group the request reaches must pass (fallbacks included).
    var permission = ModelPermission()

    /// An admission that holds nothing (the master key, when no proxy budget or customer applies).
    public init(caller: Caller, model: String, customerID: String?, admittedAt: Date) {
        self.caller = caller
        self.model = model
        self.customerID = customerID
        self.admittedAt = admittedAt
    }

    /// Whether the request may reach model group `model`: the key's, its team's, its user's and the
    /// customer's `models` lists all allow it. The router asks this of every fallback group before
    /// sending anything to it, so a fallback can never serve a model the caller may not use.
    public func permits(_ model: String) -> Bool { permission.refusingList(model) == nil }
}

/// The `models` lists (of a key, its team, its user and the customer) that a request must satisfy.
struct ModelPermission: Sendable {
    var access = ModelAccess(accessGroups: [:])
    /// Named lists, checked in order (`key`, `team`, `user`, `customer`); an empty list allows everything.
    var lists: [(scope: String, list: [String])] = []
    /// The team's list, which `all-team-models` on a key defers to.
    var teamModels: [String]?

    /// The first list that does not allow `model`, or nil when all do.
    func refusingList(_ model: String) -> (scope: String, list: [String])? {
        lists.first { !access.allows($0.list, model: model, teamModels: teamModels) }
    }
}
