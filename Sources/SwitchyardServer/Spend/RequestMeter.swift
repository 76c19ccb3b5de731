import Foundation
import HTTPTypes
import Logging
import SwitchyardCore
import SwitchyardKeys
import SwitchyardRouting
import Synchronization

/// One LLM request's account: the admission access control granted it, and, when it ends, its usage,
/// cost and spend log row. Every path that admits a request ends it exactly once (success, failure,
/// broken stream or a client that went away); a second end is ignored.
final class RequestMeter: Sendable {
    let access: AccessControl?
    let admission: Admission?
    let costs: CostCalculator
    let requestID: String
    let callType: String
    /// The request body, for estimating tokens when the upstream reports no usage.
    let body: JSONObject
    let logger: Logger
    private let ended = Atomic<Bool>(false)

    init(
        access: AccessControl?,
        admission: Admission?,
        costs: CostCalculator,
        requestID: String,
        callType: String,
        body: JSONObject,
        logger: Logger
    ) {
        self.access = access
        self.admission = admission
        self.costs = costs
        self.requestID = requestID
        self.callType = callType
        self.body = body
        self.logger = logger
    }

    /// A meter nobody ended: a streamed response whose body never ran (the client left while the
    /// upstream was being waited for, so the head could not be written). Its in-flight slots must still
    /// be given back, or a key with `max_parallel_requests` would stay refused until a restart.
    deinit {
        guard let access, let admission, !ended.exchange(true, ordering: .relaxed) else { return }
        var outcome = RequestOutcome(requestID: requestID, callType: callType, model: admission.model)
        outcome.errorKind = "client_disconnected"
        Task { await access.finish(admission, outcome: outcome) }
    }

    /// Whether anything is recorded (a gateway with a key store).
    var isActive: Bool { access != nil && admission != nil }

    /// The `x-ratelimit-*` headers of the admission.
    func addHeaders(to headers: inout HTTPFields) {
        for (name, value) in admission?.headers ?? [] {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
    }

    /// Ends a request whose complete answer is `object` (OpenAI shape, or Anthropic's own message when
    /// `native`); returns its cost for `x-litellm-response-cost`.
    @discardableResult
    func completed(_ object: JSONObject, native: Bool, deployment: Deployment) async -> Double {
        let usage = object["usage"]?.objectValue.flatMap { native ? Self.anthropicUsage($0) : TokenUsage(openAIUsage: $0) }
        return await end(usage: usage ?? estimate(completionCharacters: 0), deployment: deployment, firstTokenAt: nil, error: nil)
    }

    /// Ends a stream: its last `usage` object when the upstream sent one, else an estimate from the
    /// prompt and the characters streamed.
    func streamEnded(usage: TokenUsage?, completionCharacters: Int, deployment: Deployment, firstTokenAt: Date?, error: GatewayError?) async {
        await end(
            usage: usage ?? estimate(completionCharacters: completionCharacters), deployment: deployment, firstTokenAt: firstTokenAt, error: error)
    }

    /// Ends a request that failed before any answer.
    func failed(_ error: any Error) async {
        guard let access, let admission, !ended.exchange(true, ordering: .relaxed) else { return }
        var outcome = RequestOutcome(requestID: requestID, callType: callType, model: admission.model)
        outcome.errorKind = (error as? GatewayError)?.kind.rawValue ?? GatewayError.Kind.internalError.rawValue
        await access.finish(admission, outcome: outcome)
    }

    @discardableResult
    private func end(usage: TokenUsage, deployment: Deployment, firstTokenAt: Date?, error: GatewayError?) async -> Double {
        guard let access, let admission, !ended.exchange(true, ordering: .relaxed) else { return 0 }
        var outcome = RequestOutcome(requestID: requestID, callType: callType, model: deployment.upstreamModel)
        outcome.deploymentID = deployment.id
        outcome.apiBase = deployment.apiBase
        outcome.promptTokens = usage.promptTokens
        outcome.completionTokens = usage.completionTokens
        outcome.firstTokenAt = firstTokenAt
        outcome.errorKind = error?.kind.rawValue
        if let cost = costs.cost(
            usage: usage,
            provider: deployment.provider,
            model: deployment.modelInfo.baseModel ?? deployment.upstreamModel,
            inputCostPerToken: deployment.inputCostPerToken,
            outputCostPerToken: deployment.outputCostPerToken
        ) {
            outcome.cost = cost
        } else if usage.totalTokens > 0 {
            logger.debug("no price known for model; spend recorded as 0", metadata: ["model": "\(deployment.qualifiedModel)"])
        }
        await access.finish(admission, outcome: outcome)
        return outcome.cost
    }

    /// Tokens estimated the way pre-call checks count them (about four characters a token).
    private func estimate(completionCharacters: Int) -> TokenUsage {
        TokenUsage(promptTokens: TokenEstimate.inputTokens(of: body), completionTokens: (completionCharacters + 3) / 4)
    }

    /// An Anthropic message's usage in OpenAI terms: input tokens plus cache reads and writes are the prompt.
    static func anthropicUsage(_ usage: JSONObject) -> TokenUsage? {
        guard let input = usage["input_tokens"]?.intValue else { return nil }
        let read = usage["cache_read_input_tokens"]?.intValue ?? 0
        let written = usage["cache_creation_input_tokens"]?.intValue ?? 0
        return TokenUsage(
            promptTokens: input + read + written,
            completionTokens: usage["output_tokens"]?.intValue ?? 0,
            cachedPromptTokens: read,
            cacheCreationTokens: written
        )
    }
}
