import Foundation
import Hummingbird
import NIOCore
import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys

/// One management request as a handler sees it: who calls, the store, the query and the body.
struct AdminRequest: Sendable {
    /// The HTTP request.
    let request: Request
    /// The request context (caller, request id, body limit).
    let context: GatewayContext
    /// The gateway (for the model list).
    let gateway: Gateway
    /// Access control and its store.
    let access: AccessControl
    /// The instant the request is handled at: every date the request writes derives from it.
    let now: Date

    /// The durable store.
    var store: any KeyStore { access.store }

    /// Who is calling.
    var caller: Caller { context.caller }

    /// The body as a JSON object, with the route's size limit; a malformed body is a 400. An empty
    /// body reads as `{}`, so `curl -X POST /key/generate` with no data makes a key with defaults.
    func body() async throws(GatewayError) -> AdminBody {
        let buffer = try await RequestBody.collect(request, context: context)
        if buffer.readableBytesView.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return AdminBody() }
        return AdminBody(try RequestBody.object(from: buffer))
    }

    /// A query parameter, `nil` when absent or empty.
    func query(_ name: String) -> String? {
        guard let value = request.uri.queryParameters.get(name), !value.isEmpty else { return nil }
        return value
    }

    /// A positive integer query parameter (`page`, `size`), with a default and an upper bound.
    func pageQuery(_ name: String, default fallback: Int, max: Int = 1_000) throws(GatewayError) -> Int {
        guard let text = query(name) else { return fallback }
        guard let value = Int(text), value >= 1, value <= max else {
            throw GatewayError(.badRequest, "'\(name)' must be an integer from 1 to \(max).", param: name, code: "invalid_request_body")
        }
        return value
    }

    /// A boolean query parameter (`true`/`false`, as FastAPI reads them: also `1`/`0`, `yes`/`no`).
    func boolQuery(_ name: String) throws(GatewayError) -> Bool? {
        guard let text = query(name)?.lowercased() else { return nil }
        switch text {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default: throw GatewayError(.badRequest, "'\(name)' must be true or false.", param: name, code: "invalid_request_body")
        }
    }

    /// The stored hash for a key the client names either by itself (`sk-…`) or by its hash.
    static func keyHash(_ keyOrHash: String) -> String {
        VirtualKey.isHash(keyOrHash) ? keyOrHash : VirtualKey.hash(keyOrHash)
    }

    /// A new random id for a team or user, in LiteLLM's form (a lower-case UUID).
    static func newID() -> String { UUID().uuidString.lowercased() }
}
