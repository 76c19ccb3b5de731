import SwitchyardCore
import SwitchyardEngine

/// The JSON body of a management request, read field by field with LiteLLM's names.
///
/// Every getter returns `nil` for a field that is absent or `null`, and throws a 400 naming the field
/// when it has the wrong type, so a script that sends `"max_budget": "10"` learns which field is wrong.
/// Updates tell "absent" (leave as is) from "null" (clear) with ``contains(_:)``.
struct AdminBody: Sendable {
    /// The body as the client sent it.
    var object: JSONObject

    /// A body.
    init(_ object: JSONObject = JSONObject()) {
        self.object = object
    }

    /// Whether the client sent the field at all, even as `null`.
    func contains(_ name: String) -> Bool { object[name] != nil }

    /// A string field.
    func string(_ name: String) throws(GatewayError) -> String? {
        guard let value = present(name) else { return nil }
        guard let text = value.stringValue else { throw AdminBody.invalid(name, "a string") }
        return text
    }

    /// A string field that must be present and not empty.
    func requiredString(_ name: String) throws(GatewayError) -> String {
        guard let text = try string(name), !text.isEmpty else { throw GatewayError.missingParameter(name, expected: "a string") }
        return text
    }

    /// A number field.
    func double(_ name: String) throws(GatewayError) -> Double? {
        guard let value = present(name) else { return nil }
        guard let number = value.doubleValue, number.isFinite else { throw AdminBody.invalid(name, "a number") }
        return number
    }

    /// A number field that must not be negative (budgets, spend).
    func amount(_ name: String) throws(GatewayError) -> Double? {
        guard let number = try double(name) else { return nil }
        guard number >= 0 else {
            throw GatewayError(.badRequest, "\(name) cannot be negative. Received: \(number)", param: name, code: "invalid_request_body")
        }
        return number
    }

    /// A whole, non-negative number field (limits).
    func count(_ name: String) throws(GatewayError) -> Int? {
        guard let value = present(name) else { return nil }
        guard let number = value.intValue, number >= 0 else { throw AdminBody.invalid(name, "a non-negative integer") }
        return number
    }

    /// A boolean field.
    func bool(_ name: String) throws(GatewayError) -> Bool? {
        guard let value = present(name) else { return nil }
        guard let flag = value.boolValue else { throw AdminBody.invalid(name, "a boolean") }
        return flag
    }

    /// An array-of-strings field.
    func strings(_ name: String) throws(GatewayError) -> [String]? {
        guard let value = present(name) else { return nil }
        guard let array = value.arrayValue else { throw AdminBody.invalid(name, "an array of strings") }
        var result: [String] = []
        for element in array {
            guard let text = element.stringValue else { throw AdminBody.invalid(name, "an array of strings") }
            result.append(text)
        }
        return result
    }

    /// An object field.
    func object(_ name: String) throws(GatewayError) -> JSONObject? {
        guard let value = present(name) else { return nil }
        guard let object = value.objectValue else { throw AdminBody.invalid(name, "an object") }
        return object
    }

    /// An object of strings (`aliases`).
    func stringMap(_ name: String) throws(GatewayError) -> [String: String]? {
        guard let object = try object(name) else { return nil }
        var result: [String: String] = [:]
        for (key, value) in object {
            guard let text = value.stringValue else { throw AdminBody.invalid(name, "an object of strings") }
            result[key] = text
        }
        return result
    }

    /// An object of whole numbers (`model_rpm_limit`, `model_tpm_limit`).
    func countMap(_ name: String) throws(GatewayError) -> [String: Int]? {
        guard let object = try object(name) else { return nil }
        var result: [String: Int] = [:]
        for (key, value) in object {
            guard let number = value.intValue, number >= 0 else { throw AdminBody.invalid(name, "an object of non-negative integers") }
            result[key] = number
        }
        return result
    }

    /// `model_max_budget`: either `{"model": 1.5}` or LiteLLM's `{"model": {"budget_limit": 1.5, "time_period": "1d"}}`.
    /// Only the amount is kept: per-model budgets reset with the key's own `budget_duration`.
    func budgetMap(_ name: String) throws(GatewayError) -> [String: Double]? {
        guard let object = try object(name) else { return nil }
        var result: [String: Double] = [:]
        for (key, value) in object {
            let amount = value.doubleValue ?? value.objectValue?["budget_limit"]?.doubleValue ?? value.objectValue?["max_budget"]?.doubleValue
            guard let amount, amount.isFinite, amount >= 0 else {
                throw AdminBody.invalid(name, #"an object of budgets (`{"model": 1.5}` or `{"model": {"budget_limit": 1.5}}`)"#)
            }
            result[key] = amount
        }
        return result
    }

    /// The value of a field that is present and not `null`.
    private func present(_ name: String) -> JSONValue? {
        guard let value = object[name], !value.isNull else { return nil }
        return value
    }

    /// A field of the wrong type.
    static func invalid(_ name: String, _ expected: String) -> GatewayError {
        GatewayError(.badRequest, "'\(name)' must be \(expected).", param: name, code: "invalid_request_body")
    }
}
