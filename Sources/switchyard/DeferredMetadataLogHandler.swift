import Logging

/// Swift-log's `StreamLogHandler` with metadata kept as given until something is logged.
///
/// `StreamLogHandler` formats all of its metadata into a string (sorting the keys) every time a key is
/// set. The gateway sets one key on every request (`request_id`) and logs rarely, so that formatting
/// was paid per request for lines never written (three allocations and a sort each). Here setting a
/// key is a dictionary write; the metadata is merged into the log event only when one is emitted.
struct DeferredMetadataLogHandler: LogHandler {
    private var base: StreamLogHandler
    var metadata: Logger.Metadata = [:]

    init(_ base: StreamLogHandler) {
        self.base = base
    }

    var logLevel: Logger.Level {
        get { base.logLevel }
        set { base.logLevel = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { base.metadataProvider }
        set { base.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        if !metadata.isEmpty {
            // The event's own metadata wins over the logger's, as in `StreamLogHandler`.
            event.metadata = event.metadata.map { metadata.merging($0) { _, explicit in explicit } } ?? metadata
        }
        base.log(event: event)
    }
}
