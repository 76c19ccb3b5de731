/// Why a config could not be loaded: every problem found, not only the first.
///
/// The loader keeps going after an error so that one run of `switchyard check-config` lists everything to fix.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    /// The problems, in document order.
    public var issues: [ConfigIssue]
    /// Notices gathered before loading failed; they are worth showing next to the errors.
    public var notices: [ConfigIssue]
    /// What could be read despite the errors (values in error left at their defaults), when the file
    /// parsed at all: `check-config` reads it for the notices that come from building a gateway, so one
    /// run lists every error and every key not acted on. Never served.
    public var partial: GatewayConfig?

    /// An error made of `issues`.
    public init(issues: [ConfigIssue], notices: [ConfigIssue] = [], partial: GatewayConfig? = nil) {
        self.issues = issues
        self.notices = notices
        self.partial = partial
    }

    /// One issue per line: `model_list[2].litellm_params.api_base: not a URL`.
    public var description: String { issues.map(\.description).joined(separator: "\n") }

    /// One issue per line, each prefixed with its file and line when known.
    public var locatedDescription: String { issues.map(\.locatedDescription).joined(separator: "\n") }
}
