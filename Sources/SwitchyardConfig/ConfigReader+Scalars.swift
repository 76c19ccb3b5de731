import Foundation
import SwitchyardCore

extension ConfigReader {
    /// A scalar after `os.environ/NAME` resolution.
    struct Scalar {
        var value: ConfigNode.Value
        /// The text as written, or the environment value.
        var text: String
        /// The variable the value came from, so messages can name it instead of echoing a possible credential.
        var variable: String?
    }

    /// Resolves `os.environ/NAME` (anywhere a string is read, as LiteLLM does); records an issue and returns `nil`
    /// when the variable is not set. Lists and mappings come back unchanged.
    mutating func resolve(_ node: ConfigNode, at path: ConfigPath) -> Scalar? {
        guard case .string(let string) = node.value, let name = Self.environmentReference(in: string) else {
            return Scalar(value: node.value, text: node.text, variable: nil)
        }
        guard !name.isEmpty else {
            fail(path, "os.environ/ names no environment variable", node)
            return nil
        }
        guard let value = environment[name] else {
            fail(path, "environment variable \(name) is not set", node)
            return nil
        }
        return Scalar(value: .string(value), text: value, variable: name)
    }

    /// A string field. Numbers, booleans and dates are taken as written (`api_version: 2024-02-01`); null means
    /// unset, as it does for LiteLLM.
    mutating func string(_ node: ConfigNode, at path: ConfigPath, secret: Bool = false) -> String? {
        guard let scalar = resolve(node, at: path) else { return nil }
        switch scalar.value {
        case .null: return nil
        case .string(let string): return string
        case .bool, .int, .float: return scalar.text
        case .list, .map:
            fail(path, "expected a string, got \(describe(node, secret: secret))", node)
            return nil
        }
    }

    /// A non-empty string field; an empty value from `os.environ/NAME` names the variable.
    mutating func nonEmptyString(_ node: ConfigNode, at path: ConfigPath, secret: Bool = false) -> String? {
        guard let string = string(node, at: path, secret: secret) else { return nil }
        guard !string.trimmingCharacters(in: .whitespaces).isEmpty else {
            if case .string(let text) = node.value, let name = Self.environmentReference(in: text), !name.isEmpty {
                fail(path, "environment variable \(name) is empty", node)
            } else {
                fail(path, "must not be empty", node)
            }
            return nil
        }
        return string
    }

    /// An integer field; numeric strings are accepted, since environment values are strings.
    mutating func int(_ node: ConfigNode, at path: ConfigPath, minimum: Int? = nil) -> Int? {
        guard let scalar = resolve(node, at: path) else { return nil }
        let parsed: Int?
        switch scalar.value {
        case .null: return nil
        case .int(let value): parsed = value
        case .float(let value): parsed = Self.exactInt(value)
        case .string(let string):
            let trimmed = string.trimmingCharacters(in: .whitespaces)
            parsed = Int(trimmed) ?? Double(trimmed).flatMap(Self.exactInt)
        case .bool, .list, .map: parsed = nil
        }
        guard let parsed else {
            fail(path, "expected an integer, got \(describe(scalar, node))", node)
            return nil
        }
        if let minimum, parsed < minimum {
            fail(path, minimum == 0 ? "must not be negative" : "must be at least \(minimum)", node)
            return nil
        }
        return parsed
    }

    /// A non-negative number field (every number in the config is a duration, size, weight or price); numeric
    /// strings are accepted, since environment values are strings.
    mutating func double(_ node: ConfigNode, at path: ConfigPath, positive: Bool = false) -> Double? {
        guard let scalar = resolve(node, at: path) else { return nil }
        let parsed: Double?
        switch scalar.value {
        case .null: return nil
        case .int(let value): parsed = Double(value)
        case .float(let value): parsed = value
        case .string(let string): parsed = Double(string.trimmingCharacters(in: .whitespaces))
        case .bool, .list, .map: parsed = nil
        }
        guard let parsed, parsed.isFinite else {
            fail(path, "expected a number, got \(describe(scalar, node))", node)
            return nil
        }
        if positive, parsed <= 0 {
            fail(path, "must be greater than 0", node)
            return nil
        }
        if parsed < 0 {
            fail(path, "must not be negative", node)
            return nil
        }
        return parsed
    }

    /// A boolean field; `true`/`false` (and YAML 1.1's `yes`/`no`/`on`/`off`) are accepted as strings too.
    mutating func bool(_ node: ConfigNode, at path: ConfigPath) -> Bool? {
        guard let scalar = resolve(node, at: path) else { return nil }
        switch scalar.value {
        case .null: return nil
        case .bool(let value): return value
        case .int(let value) where value == 0 || value == 1: return value == 1
        case .string(let string):
            switch string.trimmingCharacters(in: .whitespaces).lowercased() {
            case "true", "yes", "on", "1": return true
            case "false", "no", "off", "0": return false
            default: break
            }
        default: break
        }
        fail(path, "expected true or false, got \(describe(scalar, node))", node)
        return nil
    }

    /// How a resolved scalar is named in a message: by its variable when it came from the environment.
    private func describe(_ scalar: Scalar, _ node: ConfigNode) -> String {
        if let variable = scalar.variable { return "the value of environment variable \(variable)" }
        return describe(node, secret: false)
    }

    private static func exactInt(_ value: Double) -> Int? {
        guard value.isFinite, value == value.rounded(.towardZero), abs(value) < 9.0e15 else { return nil }
        return Int(value)
    }
}
