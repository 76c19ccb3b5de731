import Foundation
import SQLKit

extension CustomerRecord: StoredRecord {
    static let table = "switchyard_customers"
    static let idColumn = "customer_id"
    static let noun = "customer"
    /// LiteLLM calls a customer's id `user_id` (its end-user API).
    static let idLabel = "user_id"
    static let columns = ["customer_id", "blocked", "spend", "budget_duration", "budget_reset_at", "created_at", "updated_at", "data"]

    var storedID: String { customerID }

    var storedFields: [(column: String, value: any Encodable & Sendable)] {
        [
            ("blocked", blocked), ("budget_duration", limits.budgetDuration),
            ("budget_reset_at", limits.budgetResetAt?.storedValue), ("data", RecordData.customer(self)),
        ]
    }

    static func decode(_ row: any SQLRow) throws -> CustomerRecord {
        let data = try row.jsonObject("data")
        var record = CustomerRecord(
            customerID: try row.string("customer_id"),
            createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at")
        )
        record.alias = data["alias"]?.stringValue
        record.blocked = try row.bool("blocked")
        record.models = RecordData.strings(data["models"])
        record.limits = RecordData.limits(
            data,
            budgetDuration: try row.optional("budget_duration", as: String.self),
            budgetResetAt: try row.optionalDate("budget_reset_at")
        )
        record.spend = try row.double("spend")
        record.allowedModelRegion = data["allowed_model_region"]?.stringValue
        record.defaultModel = data["default_model"]?.stringValue
        record.metadata = data["metadata"]?.objectValue ?? [:]
        return record
    }
}

extension SQLKeyStore {
    public func insertCustomer(_ record: CustomerRecord) async throws { try await insert(record) }

    public func customer(id: String) async throws -> CustomerRecord? { try await fetch(CustomerRecord.self, id: id) }

    public func customers(page: Int, size: Int) async throws -> Page<CustomerRecord> {
        try await self.page(CustomerRecord.self, page: page, size: size)
    }

    public func updateCustomer(_ record: CustomerRecord) async throws { try await update(record) }

    public func deleteCustomers(ids: [String]) async throws -> [String] {
        try await deleteRows(table: CustomerRecord.table, idColumn: CustomerRecord.idColumn, kind: nil, ids: ids)
    }
}
