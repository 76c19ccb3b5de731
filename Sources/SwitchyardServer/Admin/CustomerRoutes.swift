import Hummingbird
import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys

/// `/customer/*` (LiteLLM's end users): the `user` field of an LLM request names the customer, whose
/// budget, limits and `blocked` flag then apply to the request.
enum CustomerRoutes {
    static func register(on router: RouterGroup<GatewayContext>, gateway: Gateway) {
        router.post("/customer/new", use: AdminRoutes.handler("/customer/new", gateway: gateway, new))
        router.post("/customer/update", use: AdminRoutes.handler("/customer/update", gateway: gateway, update))
        router.post("/customer/delete", use: AdminRoutes.handler("/customer/delete", gateway: gateway, delete))
        router.get("/customer/info", use: AdminRoutes.handler("/customer/info", gateway: gateway, info))
        router.get("/customer/list", use: AdminRoutes.handler("/customer/list", gateway: gateway, list))
        router.post("/customer/block", use: AdminRoutes.handler("/customer/block", gateway: gateway) { try await setBlocked($0, true) })
        router.post("/customer/unblock", use: AdminRoutes.handler("/customer/unblock", gateway: gateway) { try await setBlocked($0, false) })
    }

    /// `POST /customer/new`: a customer named by `user_id` (required). Answers the customer object.
    static func new(_ request: AdminRequest) async throws -> JSONValue {
        let body = try await request.body()
        let id = try body.requiredString("user_id")
        guard try await request.store.customer(id: id) == nil else {
            throw GatewayError(
                .badRequest,
                "Customer already exists, passed user_id=\(id). Please pass a new user_id.",
                param: "user_id",
                code: "duplicate"
            )
        }
        var record = CustomerRecord(customerID: id, createdAt: request.now)
        try apply(body, to: &record, request)
        if let spend = try body.amount("spend") { record.spend = spend }
        try await request.store.insertCustomer(record)
        request.access.invalidateCustomer(id: id)
        return .object(AdminJSON.customer(record))
    }

    /// `POST /customer/update`: the customer named by `user_id` gets the fields the body carries.
    static func update(_ request: AdminRequest) async throws -> JSONValue {
        let body = try await request.body()
        var record = try await find(try body.requiredString("user_id"), param: "user_id", in: request)
        try apply(body, to: &record, request)
        record.updatedAt = request.now
        try await request.store.updateCustomer(record)
        request.access.invalidateCustomer(id: record.customerID)
        return .object(AdminJSON.customer(record))
    }

    /// `POST /customer/delete` with `user_ids`: all must exist, or nothing is deleted. Answers LiteLLM's
    /// `{"deleted_customers": <count>, "message": …}`.
    static func delete(_ request: AdminRequest) async throws -> JSONValue {
        let body = try await request.body()
        guard let ids = try body.strings("user_ids"), !ids.isEmpty else {
            throw GatewayError.missingParameter("user_ids", expected: "a non-empty array of customer ids")
        }
        var missing: [String] = []
        for id in ids where try await request.store.customer(id: id) == nil { missing.append(id) }
        guard missing.isEmpty else {
            throw GatewayError(
                .notFound,
                "End User Id(s)=\(missing.joined(separator: ", ")) do not exist in db",
                param: "user_ids",
                code: "not_found"
            )
        }
        let deleted = try await request.store.deleteCustomers(ids: ids)
        for id in ids { request.access.invalidateCustomer(id: id) }
        let quoted = ids.map { "'\($0)'" }.joined(separator: ", ")
        return [
            "deleted_customers": .number(JSONNumber(deleted.count)),
            "message": .string("Successfully deleted customers with ids: [\(quoted)]"),
        ]
    }

    /// `GET /customer/info?end_user_id=`: the customer object.
    static func info(_ request: AdminRequest) async throws -> JSONValue {
        guard let id = request.query("end_user_id") else {
            throw GatewayError.missingParameter("end_user_id", expected: "a query parameter naming the customer")
        }
        return .object(AdminJSON.customer(await request.access.withLiveSpend(try await find(id, param: "end_user_id", in: request))))
    }

    /// `GET /customer/list`: every customer, as an array.
    static func list(_ request: AdminRequest) async throws -> JSONValue {
        let customers = try await AdminRoutes.all { page, size in try await request.store.customers(page: page, size: size) }
        return .array(customers.map { .object(AdminJSON.customer($0)) })
    }

    /// `POST /customer/block` / `/customer/unblock` with `user_ids`. Blocking creates a customer that
    /// does not exist yet (LiteLLM upserts, so that a customer can be blocked before its first
    /// request); unblocking needs existing customers. Answers `{"blocked_users": [...]}` or
    /// `{"unblocked_users": [...]}` with the customer objects.
    static func setBlocked(_ request: AdminRequest, _ blocked: Bool) async throws -> JSONValue {
        let body = try await request.body()
        guard let ids = try body.strings("user_ids"), !ids.isEmpty else {
            throw GatewayError.missingParameter("user_ids", expected: "a non-empty array of customer ids")
        }
        var records: [JSONValue] = []
        for id in ids {
            if var record = try await request.store.customer(id: id) {
                record.blocked = blocked
                record.updatedAt = request.now
                try await request.store.updateCustomer(record)
                records.append(.object(AdminJSON.customer(record)))
            } else if blocked {
                var record = CustomerRecord(customerID: id, createdAt: request.now)
                record.blocked = true
                try await request.store.insertCustomer(record)
                records.append(.object(AdminJSON.customer(record)))
            } else {
                throw GatewayError(.notFound, "End User Id=\(id) does not exist in db", param: "user_ids", code: "not_found")
            }
            request.access.invalidateCustomer(id: id)
        }
        return [blocked ? "blocked_users" : "unblocked_users": .array(records)]
    }

    /// Applies the customer fields the body carries: alias, `blocked`, models, limits, region, default
    /// model (which must be served here, as LiteLLM checks), metadata.
    static func apply(_ body: AdminBody, to record: inout CustomerRecord, _ request: AdminRequest) throws(GatewayError) {
        try body.applyString("alias", to: &record.alias)
        try body.applyBlocked(to: &record.blocked)
        try body.applyModels(to: &record.models)
        try body.applyLimits(to: &record.limits, now: request.now)
        try body.applyMetadata(to: &record.metadata)
        try body.applyString("allowed_model_region", to: &record.allowedModelRegion)
        if let region = record.allowedModelRegion, region != "eu", region != "us" {
            throw AdminBody.invalid("allowed_model_region", "\"eu\" or \"us\"")
        }
        try body.applyString("default_model", to: &record.defaultModel)
        if body.contains("default_model"), let model = record.defaultModel, request.gateway.router.deployments(of: model) == nil {
            throw GatewayError(
                .unprocessable,
                "Default Model not on proxy. Configure via config.yaml. Default_model=\(model)",
                param: "default_model",
                code: "model_not_found"
            )
        }
    }

    /// The customer with this id, or LiteLLM's 404.
    static func find(_ id: String, param: String, in request: AdminRequest) async throws -> CustomerRecord {
        guard let record = try await request.store.customer(id: id) else {
            throw GatewayError(.notFound, "End User Id=\(id) does not exist in db", param: param, code: "not_found")
        }
        return record
    }
}
