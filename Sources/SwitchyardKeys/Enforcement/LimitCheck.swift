import Foundation
import SwitchyardCore
import SwitchyardState

/// One guarded counter change of an admission, and what to tell the client when it is refused.
struct LimitCheck {
    enum Kind: Equatable {
        case budget
        case rpm
        case tpm
        case parallel
    }

    var increment: CounterIncrement
    var kind: Kind
    /// Who the limit belongs to, for messages: `key`, `team=…`, `user=…`, `customer=…`, `proxy`.
    var scope: String
    /// The model group, for per-model limits.
    var model: String?

    /// The error for a refusal of this check (the counter held `value`).
    func refusal(value: Double, window: RateWindow, at time: Date, budgetStatus: Int) -> GatewayError {
        let limit = increment.limit ?? 0
        let target = model.map { "\(scope), model=\($0)" } ?? scope
        switch kind {
        case .budget:
            return GatewayError(
                .budgetExceeded,
                "Budget has been exceeded! \(target) is over budget. Current cost: \(Self.money(value)), Max budget: \(Self.money(limit))",
                code: "budget_exceeded",
                status: budgetStatus
            )
        case .rpm, .tpm:
            let reset = max(1, Int(window.end(at: time).timeIntervalSince(time).rounded(.up)))
            let what = kind == .rpm ? "requests" : "tokens"
            var error = GatewayError(
                .rateLimited,
                "Rate limit exceeded for \(target): \(kind == .rpm ? "rpm" : "tpm") limit \(Int(limit)), current \(what) this minute \(Int(value)).",
                code: "rate_limit_exceeded",
                retryAfter: Double(reset)
            )
            error.headers = [
                "x-ratelimit-limit-\(what)": String(Int(limit)),
                "x-ratelimit-remaining-\(what)": "0",
                "x-ratelimit-reset-\(what)": "\(reset)s",
            ]
            return error
        case .parallel:
            var error = GatewayError(
                .rateLimited,
                "Max parallel request limit reached for \(target): \(Int(limit)) requests already in flight.",
                code: "max_parallel_requests",
                retryAfter: 1
            )
            error.headers = ["x-ratelimit-limit-parallel-requests": String(Int(limit)), "x-ratelimit-remaining-parallel-requests": "0"]
            return error
        }
    }

    static func money(_ value: Double) -> String {
        let rounded = (value * 1_000_000).rounded() / 1_000_000
        return String(rounded)
    }
}
