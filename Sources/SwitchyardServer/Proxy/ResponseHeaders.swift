import HTTPTypes
import Hummingbird
import SwitchyardCore
import SwitchyardEngine
import SwitchyardRouting

/// The headers the gateway sets, named once.
enum ResponseHeaders {
    // Literal, valid header names: the initializer cannot fail on them.
    static let modelID = HTTPField.Name("x-litellm-model-id")!
    static let modelGroup = HTTPField.Name("x-litellm-model-group")!
    static let responseDuration = HTTPField.Name("x-litellm-response-duration-ms")!
    static let overheadDuration = HTTPField.Name("x-litellm-overhead-duration-ms")!
    static let requestID = HTTPField.Name("x-request-id")!
    static let callID = HTTPField.Name("x-litellm-call-id")!
    static let apiBase = HTTPField.Name("x-litellm-model-api-base")!
    static let xAPIKey = HTTPField.Name("x-api-key")!
    static let apiKey = HTTPField.Name("api-key")!
    static let litellmAPIKey = HTTPField.Name("x-litellm-api-key")!
    static let attemptedRetries = HTTPField.Name("x-litellm-attempted-retries")!
    static let attemptedFallbacks = HTTPField.Name("x-litellm-attempted-fallbacks")!
    static let accelBuffering = HTTPField.Name("x-accel-buffering")!

    /// `content-type: application/json`, with room for the routing, spend and id headers added next (so
    /// that adding them does not regrow the field list three times).
    static var json: HTTPFields {
        var fields = HTTPFields()
        fields.reserveCapacity(16)
        fields[.contentType] = "application/json"
        return fields
    }

    /// The headers of an SSE answer; `x-accel-buffering: no` keeps an nginx in front from buffering it.
    static var eventStream: HTTPFields {
        var fields = HTTPFields()
        fields.reserveCapacity(16)
        fields[.contentType] = "text/event-stream"
        fields[.cacheControl] = "no-cache"
        fields[accelBuffering] = "no"
        return fields
    }

    /// `x-litellm-model-id`, `-model-group`, `-response-duration-ms` and `-overhead-duration-ms`.
    ///
    /// Overhead is the time spent in Switchyard itself: everything since the request head arrived
    /// except the time spent waiting on upstreams.
    static func addRouting<Value>(
        to headers: inout HTTPFields, outcome: SwitchyardRouting.Router.Outcome<Value>, context: GatewayContext, upstreamTime: Duration
    ) {
        let total = ContinuousClock.now - context.startedAt
        headers[modelID] = outcome.deployment.id
        headers[modelGroup] = outcome.deployment.modelName
        headers[attemptedRetries] = String(outcome.retries)
        headers[attemptedFallbacks] = String(outcome.fallbacks)
        headers[responseDuration] = milliseconds(total)
        headers[overheadDuration] = milliseconds(max(.zero, total - upstreamTime))
    }

    static let responseCost = HTTPField.Name("x-litellm-response-cost")!

    /// `x-litellm-response-cost` (USD) and the admission's `x-ratelimit-*` headers.
    static func addSpend(to headers: inout HTTPFields, meter: RequestMeter, cost: Double) {
        headers[responseCost] = String(cost)
        meter.addHeaders(to: &headers)
    }

    /// A duration as milliseconds with three decimals.
    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let micros = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        let whole = micros / 1000
        let fraction = micros % 1000
        let padded = String(fraction)
        return "\(whole).\(String(repeating: "0", count: 3 - padded.count))\(padded)"
    }
}
