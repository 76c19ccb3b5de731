import SwitchyardCore

extension JSONValue {
    /// This object with `key` set to `value`; other values are returned unchanged.
    func adding(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(var object) = self else { return self }
        object[key] = value
        return .object(object)
    }
}
