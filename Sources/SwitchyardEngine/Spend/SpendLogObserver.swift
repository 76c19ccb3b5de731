import SwitchyardKeys

/// The first ``RequestObserver``: queues each finished request's spend log row (LiteLLM's
/// `LiteLLM_SpendLogs` shape) for the batched ``SpendWriter``, which writes off the request path.
package struct SpendLogObserver: RequestObserver {
    package let writer: SpendWriter

    package func observe(_ record: RequestRecord) {
        writer.enqueue(Self.row(for: record))
    }

    /// The spend log row of `record`.
    static func row(for record: RequestRecord) -> SpendLogRecord {
        SpendLogRecord(
            RequestOutcome(record), keyHash: record.keyHash ?? "", userID: record.userID, teamID: record.teamID,
            customerID: record.customerID, modelGroup: record.modelGroup, startTime: record.receivedAt, endTime: record.endedAt)
    }
}
