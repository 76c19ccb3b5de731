import Foundation
import Hummingbird
import Logging
import NIOCore
import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys

/// The management API: keys, teams, users, customers and spend, with LiteLLM's paths and JSON shapes
/// so that LiteLLM's clients, dashboards and scripts work unchanged.
///
/// Every route needs an admin caller (the master key, or a key of a `proxy_admin` user), except
/// `GET /key/info` for the caller's own key. Without a key store every route answers 400.
enum AdminRoutes {
    /// A handler of one management route: returns the JSON to send with status 200.
    typealias Handler = @Sendable (AdminRequest) async throws -> JSONValue

    /// Registers every management route on `router` (a group behind authentication).
    static func register(on router: RouterGroup<GatewayContext>, gateway: Gateway) {
        KeyRoutes.register(on: router, gateway: gateway)
        TeamRoutes.register(on: router, gateway: gateway)
        UserRoutes.register(on: router, gateway: gateway)
        CustomerRoutes.register(on: router, gateway: gateway)
        SpendRoutes.register(on: router, gateway: gateway)
    }

    /// The route handler that checks the caller and the store, runs `handler` and renders its JSON.
    ///
    /// `adminOnly: false` leaves the authorization to the handler (`/key/info` lets a key read itself).
    /// Store errors become OpenAI-shaped errors here, so that no handler can leak a database error
    /// page or crash on one: a taken id or alias is a 400, a missing record a 404, anything else a 500.
    static func handler(
        _ route: String,
        gateway: Gateway,
        adminOnly: Bool = true,
        _ handler: @escaping Handler
    ) -> @Sendable (Request, GatewayContext) async throws -> Response {
        { request, context in
            if adminOnly { try requireAdmin(context.caller, route: route) }
            let admin = AdminRequest(request: request, context: context, gateway: gateway, access: try access(gateway), now: Date())
            do {
                return json(try await handler(admin))
            } catch let error as GatewayError {
                throw error
            } catch let error as KeyStoreError {
                throw gatewayError(error)
            } catch {
                context.logger.error("management route failed", metadata: ["route": "\(route)", "error": "\(error)"])
                throw GatewayError(.internalError, "The key store failed: \(type(of: error)). See the gateway's log.", code: "db_error")
            }
        }
    }

    /// Throws 403 unless `caller` may use the management routes (LiteLLM's wording, so scripts that
    /// match on it keep working).
    static func requireAdmin(_ caller: Caller, route: String) throws(GatewayError) {
        guard !caller.isAdmin else { return }
        let role = caller.user?.userRole ?? "internal_user"
        let userID = caller.user?.userID ?? caller.key?.userID ?? "None"
        throw GatewayError(
            .permissionDenied,
            "Only proxy admin can be used to generate, delete, update info for new keys/users/teams. Route=\(route). "
                + "Your role=\(role). Your user_id=\(userID)",
            code: "permission_denied"
        )
    }

    /// The gateway's access control, or a 400 explaining that management needs a key store.
    static func access(_ gateway: Gateway) throws(GatewayError) -> AccessControl {
        guard let access = gateway.access else {
            throw GatewayError(
                .badRequest,
                "Virtual keys need a database: no key store is configured. Set general_settings.master_key "
                    + "(the store is ./switchyard.db unless general_settings.database_url names another).",
                code: "no_db_connected"
            )
        }
        return access
    }

    /// A store error as the client sees it.
    static func gatewayError(_ error: KeyStoreError) -> GatewayError {
        switch error {
        case .duplicate(let what):
            GatewayError(.badRequest, "\(what) already exists.", code: "duplicate")
        case .notFound(let what):
            GatewayError(.notFound, "\(what) not found.", code: "not_found")
        case .invalidURL, .schemaTooNew:
            GatewayError(.internalError, "The key store is not usable: \(error).", code: "db_error")
        }
    }

    /// A 200 JSON response.
    static func json(_ value: JSONValue) -> Response {
        var buffer = ByteBuffer()
        value.write(to: &buffer)
        return Response(status: .ok, headers: ResponseHeaders.json, body: ResponseBody(byteBuffer: buffer))
    }

    /// Every record of a paged listing, page by page (the management routes that LiteLLM answers
    /// with a plain array need them all).
    static func all<Record: Sendable>(
        pageSize: Int = 500,
        _ page: (_ page: Int, _ size: Int) async throws -> Page<Record>
    ) async throws -> [Record] {
        var records: [Record] = []
        var number = 1
        while true {
            let next = try await page(number, pageSize)
            records += next.items
            if next.items.count < pageSize || records.count >= next.total { return records }
            number += 1
        }
    }
}
