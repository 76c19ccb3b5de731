/// One thing to tell about a config file, named by its path in the document: an error (in
/// ``ConfigError/issues``) or a setting accepted but not acted on (in ``GatewayConfig/notices``); one type
/// for both, since both are a message at a path.
///
/// The path reads like the YAML it points at (`model_list[2].litellm_params.api_base`), so an operator can find
/// the line without a line number; ``location`` adds the file and line when the value came from a file.
public struct ConfigIssue: Sendable, Hashable, CustomStringConvertible {
    /// Dotted path of the offending value: `router_settings.num_retries`, `model_list[0].model_name`.
    public var path: String
    /// What is wrong or what happens to the value, without repeating the path: `not a URL`, `not supported yet`.
    public var message: String
    /// Where the value was written, when known.
    public var location: ConfigLocation?

    /// An issue at `path`.
    public init(path: String, message: String, location: ConfigLocation? = nil) {
        self.path = path
        self.message = message
        self.location = location
    }

    /// `model_list[2].litellm_params.api_base: not a URL`.
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }

    /// ``description`` prefixed with the file and line: `models.yaml:14:17: model_list[2].litellm_params.api_base: not a URL`.
    public var locatedDescription: String {
        guard let location else { return description }
        return "\(location): \(description)"
    }
}
