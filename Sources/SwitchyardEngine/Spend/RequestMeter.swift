import Foundation
import HTTPTypes
import Logging
import SwitchyardCore
import SwitchyardKeys
import SwitchyardRouting
import Synchronization

/// One LLM request's account, from admission to its end: the admission access control granted it, the
/// attempts the router made, and, when it ends, its usage, cost and ``RequestRecord``.
///
/// Every path that admits a request ends it exactly once (success, failure, broken stream or a client
/// that went away; the stream paths through ``StreamLifecycle``); a second end is ignored. Ending it
/// settles the key's counters (in-flight slots back, tokens and cost added at once, so the next budget
/// check sees them) and hands one record to each observer (the spend log first).
package final class RequestMeter: Sendable {
    package let access: AccessControl?
    package let admission: Admission?
    package let costs: CostCalculator
    package let requestID: String
    package let callType: String
    /// The request body, for estimating tokens when the upstream reports no usage.
    package let body: JSONObject
    package let logger: Logger
    package let observers: [any RequestObserver]
    package let receivedAt: Date
    private let ended = Atomic<Bool>(false)
    private let attempts = Mutex<[RequestRecord.Attempt]>([])

    package init(
        access: AccessControl?,
        admission: Admission?,
        costs: CostCalculator,
        requestID: String,
        callType: String,
        body: JSONObject,
        logger: Logger,
        observers: [any RequestObserver] = []
    ) {
        self.access = access
        self.admission = admission
        self.costs = costs
        self.requestID = requestID
        self.callType = callType
        self.body = body
        self.logger = logger
        self.observers = observers
        self.receivedAt = admission?.admittedAt ?? Date()
    }

    /// A meter nobody ended: a streamed response whose body never ran (the client left while the
    /// upstream was being waited for, so the head could not be written). Its in-flight slots must still
    /// be given back, or a key with `max_parallel_requests` would stay refused until a restart.
    deinit {
        guard !ended.exchange(true, ordering: .relaxed) else { return }
        var record = makeRecord(model: admission?.model ?? "")
        record.failureReason = "client_disconnected"
        let outcome = RequestOutcome(record)
        let (access, admission, observers) = (access, admission, observers)
        Task {
            if let access, let admission { await access.settle(admission, outcome: outcome) }
            for observer in observers { observer.observe(record) }
        }
    }

    /// Whether spend is recorded (a gateway with a key store).
    package var isActive: Bool { access != nil && admission != nil }

    /// Whether ending the request does anything: settles counters, or has observers to tell. A gateway
    /// with neither skips pricing the answer.
    package var isRecorded: Bool { isActive || !observers.isEmpty }

    /// Whether the request may reach model group `model` (every group is, without a key store).
    package func permits(_ model: String) -> Bool { admission?.permits(model) ?? true }

    /// Notes one call to a deployment, as the router made it.
    package func attempted(_ attempt: RequestRecord.Attempt) {
        attempts.withLock { $0.append(attempt) }
    }

    /// The `x-ratelimit-*` headers of the admission.
    package func addHeaders(to headers: inout HTTPFields) {
        for (name, value) in admission?.headers ?? [] {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
    }

    /// Ends a request with a complete answer whose usage its dialect read (nil: estimated from the prompt);
    /// returns its cost for `x-litellm-response-cost`.
    @discardableResult
    package func completed(usage: TokenUsage?, deployment: Deployment) async -> Double {
        await end(usage: usage ?? estimate(completionCharacters: 0), deployment: deployment, firstTokenAt: nil, error: nil)
    }

    /// Ends a stream: its last `usage` object when the upstream sent one, else an estimate from the
    /// prompt and the characters streamed.
    package func streamEnded(_ tally: StreamTally, deployment: Deployment, error: GatewayError?) async {
        await end(
            usage: tally.usage ?? estimate(completionCharacters: tally.completionCharacters), deployment: deployment,
            firstTokenAt: tally.firstTokenAt, error: error)
    }

    /// The value of `body`; when it fails, the request is ended as failed before the error is rethrown.
    package func ending<Value>(onFailure body: () async throws(GatewayError) -> Value) async throws(GatewayError) -> Value {
        do {
            return try await body()
        } catch {
            await failed(error)
            throw error
        }
    }

    /// Ends a request that failed before any answer.
    package func failed(_ error: any Error) async {
        guard !ended.exchange(true, ordering: .relaxed) else { return }
        var record = makeRecord(model: admission?.model ?? "")
        record.errorKind = (error as? GatewayError)?.kind ?? .internalError
        await finish(record)
    }

    @discardableResult
    private func end(usage: TokenUsage, deployment: Deployment, firstTokenAt: Date?, error: GatewayError?) async -> Double {
        guard !ended.exchange(true, ordering: .relaxed) else { return 0 }
        var record = makeRecord(model: admission?.model ?? deployment.modelName)
        record.promptTokens = usage.promptTokens
        record.completionTokens = usage.completionTokens
        record.firstByteAt = firstTokenAt
        record.errorKind = error?.kind
        if let cost = costs.cost(
            usage: usage,
            provider: deployment.provider,
            model: deployment.modelInfo.baseModel ?? deployment.upstreamModel,
            inputCostPerToken: deployment.inputCostPerToken,
            outputCostPerToken: deployment.outputCostPerToken
        ) {
            record.cost = cost
        } else if usage.totalTokens > 0 {
            logger.debug("no price known for model; spend recorded as 0", metadata: ["model": "\(deployment.qualifiedModel)"])
        }
        await finish(record)
        return record.cost
    }

    /// Settles the counters, then hands the record to every observer.
    private func finish(_ record: RequestRecord) async {
        if let access, let admission { await access.settle(admission, outcome: RequestOutcome(record)) }
        for observer in observers { observer.observe(record) }
    }

    private func makeRecord(model: String) -> RequestRecord {
        let key = admission?.caller.key
        var record = RequestRecord(requestID: requestID, clientDialect: callType, modelGroup: model, receivedAt: receivedAt, endedAt: Date())
        record.keyHash = admission.map { _ in key?.tokenHash ?? "" }
        record.teamID = key?.teamID
        record.userID = key?.userID
        record.customerID = admission?.customerID
        record.attempts = attempts.withLock { $0 }
        return record
    }

    /// Tokens estimated the way pre-call checks count them (about four characters a token).
    private func estimate(completionCharacters: Int) -> TokenUsage {
        TokenUsage(promptTokens: TokenEstimate.inputTokens(of: body), completionTokens: (completionCharacters + 3) / 4)
    }
}

extension RequestOutcome {
    /// What the key's counters learn from a finished request.
    package init(_ record: RequestRecord) {
        let served = record.servedBy
        self.init(requestID: record.requestID, callType: record.clientDialect, model: served?.upstreamModel ?? record.modelGroup)
        deploymentID = served?.deploymentID
        apiBase = served?.apiBase
        promptTokens = record.promptTokens
        completionTokens = record.completionTokens
        cost = record.cost
        firstTokenAt = record.firstByteAt
        cacheHit = record.cacheStatus == .hit || record.cacheStatus == .semanticHit
        errorKind = record.errorKind?.rawValue ?? record.failureReason
    }
}
