import SwitchyardCore

/// Reads a merged config tree into typed settings, collecting every issue and notice on the way.
///
/// Reading never stops at the first problem: each field is checked and recorded, so one load reports all of them.
struct ConfigReader {
    /// The environment `os.environ/NAME` values are resolved against (process plus `environment_variables`).
    var environment: [String: String]
    /// Errors found so far; the load fails unless this stays empty.
    var issues: [ConfigIssue] = []
    /// Settings accepted but not acted on, and guesses made.
    var notices: [ConfigIssue] = []

    /// Records an error at `path`.
    mutating func fail(_ path: ConfigPath, _ message: String, _ node: ConfigNode? = nil) {
        issues.append(ConfigIssue(path: path.description, message: message, location: node?.location))
    }

    /// Records a notice at `path`.
    mutating func notice(_ path: ConfigPath, _ message: String, _ node: ConfigNode? = nil) {
        notices.append(ConfigIssue(path: path.description, message: message, location: node?.location))
    }

    /// Records that the setting at `path` is accepted but not acted on.
    mutating func unsupported(_ path: ConfigPath, _ node: ConfigNode? = nil) {
        notice(path, "not supported yet", node)
    }

    /// The members of the mapping at `path`; `nil` (with an issue unless the value is null) otherwise.
    mutating func mapping(_ node: ConfigNode, at path: ConfigPath) -> [ConfigMember]? {
        switch node.value {
        case .map(let members): return members
        case .null: return nil
        default:
            fail(path, "expected a mapping, got \(describe(node, secret: false))", node)
            return nil
        }
    }

    /// The elements of the list at `path`; `nil` (with an issue unless the value is null) otherwise.
    mutating func list(_ node: ConfigNode, at path: ConfigPath) -> [ConfigNode]? {
        switch node.value {
        case .list(let elements): return elements
        case .null: return nil
        default:
            fail(path, "expected a list, got \(describe(node, secret: false))", node)
            return nil
        }
    }

    /// How a value is named in a message. Secret fields and environment values are described, never quoted.
    func describe(_ node: ConfigNode, secret: Bool) -> String {
        switch node.value {
        case .null: return "null"
        case .list: return "a list"
        case .map: return "a mapping"
        case .bool, .int, .float: return secret ? "a \(kind(of: node))" : node.text
        case .string(let string):
            if let variable = Self.environmentReference(in: string) { return "the value of environment variable \(variable)" }
            return secret ? "a string" : Self.quoted(string)
        }
    }

    private func kind(of node: ConfigNode) -> String {
        switch node.value {
        case .bool: return "boolean"
        case .int: return "integer"
        case .float: return "number"
        default: return "value"
        }
    }

    /// The variable named by `os.environ/NAME`, if `string` is such a reference.
    static func environmentReference(in string: String) -> String? {
        let prefix = "os.environ/"
        guard string.hasPrefix(prefix) else { return nil }
        return String(string.dropFirst(prefix.count))
    }

    /// `"text"`, escaped and shortened so a message stays one readable line.
    static func quoted(_ string: String) -> String {
        var escaped = ""
        for character in string.prefix(60) {
            switch character {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            default: escaped.append(character)
            }
        }
        return "\"\(escaped)\(string.count > 60 ? "…" : "")\""
    }
}
