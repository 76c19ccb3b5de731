import Foundation
import SQLKit

extension SQLKeyStore {
    private static let customerColumns = "customer_id, blocked, spend, budget_duration, budget_reset_at, created_at, updated_at, data"

    public func insertCustomer(_ record: CustomerRecord) async throws {
        try await mappingDuplicates("user_id \(record.customerID)") {
            try await transaction { db in
                let existing = try await db.raw("SELECT customer_id FROM switchyard_customers WHERE customer_id = \(bind: record.customerID)")
                    .first()
                if existing != nil { throw KeyStoreError.duplicate("user_id \(record.customerID)") }
                try await db.raw(
                    """
                    INSERT INTO switchyard_customers (\(unsafeRaw: Self.customerColumns)) VALUES (\(bind: record.customerID), \
                    \(bind: record.blocked), \(bind: record.spend), \(bind: record.limits.budgetDuration), \
                    \(bind: record.limits.budgetResetAt?.storedValue), \(bind: record.createdAt.storedValue), \
                    \(bind: record.updatedAt.storedValue), \(bind: RecordData.customer(record)))
                    """
                ).run()
            }
        }
    }

    public func customer(id: String) async throws -> CustomerRecord? {
        try await withSession { db in
            try await db.raw("SELECT \(unsafeRaw: Self.customerColumns) FROM switchyard_customers WHERE customer_id = \(bind: id)")
                .first()
                .map(Self.customerRecord)
        }
    }

    public func customers(page: Int, size: Int) async throws -> Page<CustomerRecord> {
        let bounds = PageBounds(page: page, size: size)
        return try await withSession { db in
            let total = try await Self.count("switchyard_customers", where: "1 = 1", db)
            let rows = try await db.raw(
                """
                SELECT \(unsafeRaw: Self.customerColumns) FROM switchyard_customers \
                ORDER BY created_at, customer_id LIMIT \(literal: bounds.limit) OFFSET \(literal: bounds.offset)
                """
            ).all()
            return Page(items: try rows.map(Self.customerRecord), total: total)
        }
    }

    public func updateCustomer(_ record: CustomerRecord) async throws {
        let updated = try await withSession { db in
            try await db.raw(
                """
                UPDATE switchyard_customers SET blocked = \(bind: record.blocked), \
                budget_duration = \(bind: record.limits.budgetDuration), \
                budget_reset_at = \(bind: record.limits.budgetResetAt?.storedValue), \
                created_at = \(bind: record.createdAt.storedValue), updated_at = \(bind: record.updatedAt.storedValue), \
                data = \(bind: RecordData.customer(record)) WHERE customer_id = \(bind: record.customerID) RETURNING customer_id
                """
            ).all()
        }
        if updated.isEmpty { throw KeyStoreError.notFound("customer \(record.customerID)") }
    }

    public func deleteCustomers(ids: [String]) async throws -> [String] {
        try await deleteRows(table: "switchyard_customers", idColumn: "customer_id", kind: nil, ids: ids)
    }

    private static func customerRecord(_ row: any SQLRow) throws -> CustomerRecord {
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
