import HTTPTypes
import Hummingbird
import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys

/// Finds out who is calling on every protected route: the master key, or a virtual key (through
/// ``AccessControl``, which answers from its cache without a database round trip for known keys).
///
/// The key is accepted where LiteLLM accepts it: `Authorization: Bearer`, `x-api-key` (Anthropic SDKs),
/// `api-key` (Azure SDKs) and `x-litellm-api-key`. The master key is compared in constant time; virtual
/// keys are looked up by their SHA-256.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = GatewayContext

    /// The key to require; `nil` lets every request through (the operator chose to run without one).
    let masterKey: Secret?
    /// Virtual keys; `nil` when the gateway has no key store.
    let access: AccessControl?

    func handle(_ request: Request, context: GatewayContext, next: (Request, GatewayContext) async throws -> Response) async throws -> Response {
        var context = context
        if let caller = try await Self.caller(of: request, masterKey: masterKey, access: access) { context.caller = caller }
        return try await next(request, context)
    }

    /// Who sent `request`: nil for the master key (the context's caller already) and when no key is
    /// required; throws when the key is missing or unknown. Also run by ``GatewayResponder``.
    static func caller(of request: Request, masterKey: Secret?, access: AccessControl?) async throws -> Caller? {
        guard let masterKey else { return nil }
        guard let presented = presentedKey(in: request.headers) else {
            throw GatewayError.invalidAPIKey("No API key passed. Send it as `Authorization: Bearer <key>`.")
        }
        if masterKey.matches(presented) { return nil }
        guard let access, presented.hasPrefix("sk-") else {
            throw GatewayError.invalidAPIKey("Invalid API key.")
        }
        return try await access.authenticate(presented)
    }

    /// The key the client sent, from the first header that carries one.
    static func presentedKey(in headers: HTTPFields) -> String? {
        for name in [HTTPField.Name.authorization, ResponseHeaders.xAPIKey, ResponseHeaders.apiKey, ResponseHeaders.litellmAPIKey] {
            if let value = headers[name].flatMap(withoutBearer), !value.isEmpty { return value }
        }
        return nil
    }

    /// The key in a header value, with or without a `Bearer ` prefix (LiteLLM documents
    /// `x-litellm-api-key: Bearer <key>`, and SDKs send the bare key in `x-api-key`).
    static func withoutBearer(_ value: String) -> String? {
        // Worked on a substring, so that only the returned key is a new string.
        let trimmed = Substring(value).trimmingSpaces()
        if trimmed.utf8.count > 7, trimmed.utf8.prefix(7).elementsEqual("bearer ".utf8, by: { $0 | 0x20 == $1 }) {
            return String(trimmed.dropFirst(7).trimmingSpaces())
        }
        return trimmed.contains(" ") ? nil : String(trimmed)
    }
}

extension Substring {
    /// The substring without leading and trailing spaces and tabs.
    func trimmingSpaces() -> Substring {
        var view = self
        while let first = view.first, first == " " || first == "\t" { view.removeFirst() }
        while let last = view.last, last == " " || last == "\t" { view.removeLast() }
        return view
    }
}
