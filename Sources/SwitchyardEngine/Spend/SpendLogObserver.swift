import SwitchyardKeys

/// The first ``RequestObserver``: queues each finished request's spend log row (LiteLLM's
/// `LiteLLM_SpendLogs` shape) for the batched ``SpendWriter``, which writes off the request path.
package struct SpendLogObserver: RequestObserver {
    package let writer: SpendWriter

    package func observe(_ record: RequestRecord) {
        writer.enqueue(Self.row(for: record))
    }

    /// The spend log row of `record`.
    package static func row(for record: RequestRecord) -> SpendLogRecord {
        let served = record.servedBy
        var row = SpendLogRecord(
            requestID: record.requestID,
            callType: record.clientDialect,
            keyHash: record.keyHash ?? "",
            spend: record.cost.isFinite ? max(0, record.cost) : 0,
            promptTokens: record.promptTokens,
            completionTokens: record.completionTokens,
            startTime: record.receivedAt,
            endTime: record.endedAt,
            model: StoredText.clean(served?.upstreamModel ?? record.modelGroup),
            modelGroup: StoredText.clean(record.modelGroup),
            status: record.errorKind == nil && record.failureReason == nil ? "success" : "failure"
        )
        row.completionStartTime = record.firstByteAt
        row.modelID = served?.deploymentID
        row.apiBase = served?.apiBase
        row.userID = record.userID
        row.teamID = record.teamID
        row.customerID = record.customerID
        row.cacheHit = record.cacheStatus == .hit || record.cacheStatus == .semanticHit
        if let error = record.errorKind?.rawValue ?? record.failureReason { row.metadata["error"] = .string(error) }
        return row
    }
}
