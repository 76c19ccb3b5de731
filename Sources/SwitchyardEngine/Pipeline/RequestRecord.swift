import Foundation
import SwitchyardCore

/// Everything known about one finished LLM request, handed once to every ``RequestObserver`` however the
/// request finished: answered, refused by an upstream, broken mid-stream, or left by its client.
///
/// This is the one hook for what happens after a request: the spend log is its first observer; the
/// response cache, metrics, logging callbacks and alerts read the same record.
public struct RequestRecord: Sendable {
    /// One call to one deployment (a retry or a fallback makes several).
    public struct Attempt: Sendable, Equatable {
        /// The deployment's id (`model_info.id`).
        public var deploymentID: String
        /// The model group it was picked from (the requested one, or a fallback).
        public var modelGroup: String
        /// The model the upstream was asked for.
        public var upstreamModel: String
        /// The deployment's `api_base`.
        public var apiBase: String?
        /// How long the upstream took to answer (the head, for a stream) or fail.
        public var latency: Duration
        /// The error kind when the attempt failed; nil when it answered.
        public var errorKind: GatewayError.Kind?
    }

    /// Whether the response cache answered; nothing looks the cache up yet, so every record says `.none`.
    public enum CacheStatus: String, Sendable {
        case none
        case hit
        case miss
        case semanticHit = "semantic-hit"
        case bypass
    }

    /// The request id (`x-request-id`).
    public var requestID: String
    /// The client API the request came in (LiteLLM's `call_type`: `acompletion`, `aembedding`,
    /// `atext_completion`, `anthropic_messages`, `aresponses`).
    public var clientDialect: String
    /// The virtual key's SHA-256, `""` for the master key, nil without a key store.
    public var keyHash: String?
    /// The key's team, user and the request's customer (`user` field).
    public var teamID: String?
    public var userID: String?
    public var customerID: String?
    /// The model group asked for (after key aliases).
    public var modelGroup: String
    /// Every deployment called, in order; the last one that answered served the request.
    public var attempts: [Attempt] = []
    /// When the gateway admitted the request.
    public var receivedAt: Date
    /// When the first streamed chunk arrived, for streams.
    public var firstByteAt: Date?
    /// When the request finished.
    public var endedAt: Date
    /// Prompt and completion tokens (the upstream's usage, or an estimate).
    public var promptTokens = 0
    public var completionTokens = 0
    /// Cost in USD (0 when no price is known).
    public var cost: Double = 0
    /// The error kind when the request failed or its stream broke; nil on success.
    public var errorKind: GatewayError.Kind?
    /// Why a request failed without a gateway error: `client_disconnected` when the client left before
    /// the answer's head could be written. (A client that leaves mid-stream is not a failure: what was
    /// streamed is spend.)
    public var failureReason: String?
    /// Whether the response cache answered.
    public var cacheStatus = CacheStatus.none

    /// Time spent waiting on upstreams, all attempts together.
    public var upstreamLatency: Duration { attempts.reduce(.zero) { $0 + $1.latency } }

    /// The gateway's own time: the request's duration less the time spent waiting on upstreams (for a
    /// stream, also the time the body was being streamed, which the upstream paces).
    public var gatewayOverhead: Duration {
        let total = Duration.seconds(endedAt.timeIntervalSince(receivedAt))
        return max(.zero, total - upstreamLatency)
    }

    /// The attempt that answered, when one did.
    public var servedBy: Attempt? { errorKind == nil ? attempts.last { $0.errorKind == nil } : attempts.last }
}

/// Something that learns of every finished request: the spend log, and later metrics, callbacks,
/// alerts and the cache.
///
/// `observe` is called on the request's task once it has ended: it must not block or wait — enqueue
/// and return (the spend writer's ring buffer, a metrics increment, a bounded channel to a sender).
public protocol RequestObserver: Sendable {
    /// Takes note of a finished request.
    func observe(_ record: RequestRecord)
}
