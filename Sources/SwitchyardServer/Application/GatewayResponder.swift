import HTTPTypes
import Hummingbird
import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys

/// The POST routes of LLM calls whose path has no parameter (`/v1/chat/completions`, `/v1/messages`, …),
/// by path. They are registered on the router too (``RouterGroup/post(_:direct:_:)``); this table lets
/// ``GatewayResponder`` answer them without the router.
struct DirectRoutes: Sendable {
    typealias Handler = @Sendable (Request, GatewayContext) async throws -> Response

    private(set) var handlers: [String: Handler] = [:]

    mutating func add(_ path: String, _ handler: @escaping Handler) {
        handlers[path] = handler
    }
}

extension RouterGroup where Context == GatewayContext {
    /// Registers a POST route on the router, and in `direct` when its path has no parameter.
    func post(_ path: String, direct: inout DirectRoutes, _ handler: @escaping DirectRoutes.Handler) {
        post(RouterPath(path)) { request, context in try await handler(request, context) }
        if !path.contains("{") { direct.add(path, handler) }
    }
}

/// The gateway's responder: the LLM routes of ``DirectRoutes`` straight away, everything else through the
/// router.
///
/// A direct route runs exactly what the router would run for it, the error middleware's work around
/// the auth middleware's around the route's handler (``ErrorMiddleware/serve(_:context:maxRequestBytes:ids:next:)``,
/// ``AuthMiddleware/caller(of:masterKey:access:)``), without the router's path lookup and the middleware
/// chain's closures: on the proxy path those cost more than a tenth of the gateway's own time per
/// request (docs/performance.md). Any other method or path, including the LLM routes' spellings with a
/// path parameter, goes to the router unchanged.
struct GatewayResponder<Router: HTTPResponder<GatewayContext>>: HTTPResponder {
    typealias Context = GatewayContext

    let router: Router
    let direct: [String: DirectRoutes.Handler]
    let masterKey: Secret?
    let access: AccessControl?
    let maxRequestBytes: Int
    let ids: RequestIDGenerator

    func respond(to request: Request, context: GatewayContext) async throws -> Response {
        guard request.method == .post, let handler = direct[request.uri.path] else {
            return try await router.respond(to: request, context: context)
        }
        let masterKey = masterKey
        let access = access
        return await ErrorMiddleware.serve(request, context: context, maxRequestBytes: maxRequestBytes, ids: ids) { request, context in
            var context = context
            if let caller = try await AuthMiddleware.caller(of: request, masterKey: masterKey, access: access) { context.caller = caller }
            return try await handler(request, context)
        }
    }
}
