/// Whether a `models` list (of a key, team, user or customer) lets a caller use a model group.
///
/// As in LiteLLM: an empty list or `all-proxy-models` allows everything; `all-team-models` on a key
/// defers to its team's list; an entry may name an access group (`model_info.access_groups`) or end
/// in `*` to allow every model group with that prefix.
struct ModelAccess: Sendable {
    /// Access group → model groups.
    var accessGroups: [String: Set<String>]

    func allows(_ list: [String], model: String, teamModels: [String]? = nil) -> Bool {
        if list.isEmpty { return true }
        for entry in list {
            switch entry {
            case "all-proxy-models", "*": return true
            case "all-team-models":
                if let teamModels, allows(teamModels, model: model) { return true }
            case model: return true
            default:
                if entry.hasSuffix("*"), model.hasPrefix(entry.dropLast()) { return true }
                if accessGroups[entry]?.contains(model) == true { return true }
            }
        }
        return false
    }
}
