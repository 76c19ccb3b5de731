import Foundation

/// Loads LiteLLM's proxy `config.yaml`, unchanged, into a ``GatewayConfig``.
///
/// What it does, in order, as LiteLLM does:
/// 1. parse the YAML (YAML 1.1 typing, as PyYAML: `yes` is true, `2024-02-01` stays as written for string fields);
/// 2. merge the files named by `include:` (lists appended, other keys replaced; paths relative to the main file);
/// 3. add `environment_variables` to the environment, for names the process environment does not set;
/// 4. resolve every `os.environ/NAME` value that is read, and read each section, checking types and values.
///
/// Every problem found is reported in one ``ConfigError``; settings that are accepted but not acted on become
/// ``GatewayConfig/notices``.
public enum ConfigLoader {
    /// Loads the config file at `path` (relative to the current directory, or absolute).
    ///
    /// - Parameter environment: the process environment (`ProcessInfo.processInfo.environment` in the server).
    public static func load(path: String, environment: [String: String]) throws(ConfigError) -> GatewayConfig {
        let url = URL(fileURLWithPath: path)
        let text: String
        do {
            text = try ConfigFile.read(url)
        } catch {
            throw ConfigError(issues: [ConfigIssue(path: path, message: error.message)])
        }
        return try load(
            yaml: text,
            baseDirectory: url.deletingLastPathComponent().path,
            environment: environment,
            fileName: url.lastPathComponent
        )
    }

    /// Loads a config from its text.
    ///
    /// - Parameters:
    ///   - baseDirectory: the directory `include:` paths are relative to.
    ///   - environment: the process environment.
    ///   - fileName: the name used in messages and locations.
    public static func load(
        yaml: String,
        baseDirectory: String,
        environment: [String: String],
        fileName: String = "config.yaml"
    ) throws(ConfigError) -> GatewayConfig {
        var issues: [ConfigIssue] = []
        let root: ConfigNode
        switch ConfigDocument.parse(yaml, file: fileName, issues: &issues) {
        case .failed:
            throw ConfigError(issues: issues)
        case .empty:
            throw ConfigError(issues: [ConfigIssue(path: fileName, message: "the file is empty")])
        case .node(let node):
            root = node
        }
        guard let members = root.members else {
            let got = ConfigReader(environment: [:]).describe(root, secret: false)
            let message = "expected a mapping of settings (model_list, router_settings, …) at the top level, got \(got)"
            throw ConfigError(issues: [ConfigIssue(path: fileName, message: message, location: root.location)])
        }
        var includes = IncludeResolver(baseDirectory: URL(fileURLWithPath: baseDirectory, isDirectory: true), mainFile: fileName)
        let merged = includes.resolve(members)
        var reader = ConfigReader(environment: environment, issues: includes.issues, notices: includes.notices)
        let config = reader.readDocument(merged)
        guard reader.issues.isEmpty else { throw ConfigError(issues: reader.issues, notices: reader.notices, partial: config) }
        return config
    }
}
