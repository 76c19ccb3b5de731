import SwitchyardCore

/// Who made a request, as authentication found out: the master key, or a virtual key with the team
/// and user it belongs to (as cached when the request arrived).
public struct Caller: Sendable {
    /// What the caller may do.
    public enum Role: Sendable, Equatable {
        /// The master key, or no key on a gateway that runs without one: everything.
        case master
        /// A virtual key whose user is a `proxy_admin`: LLM routes and management routes.
        case admin
        /// A virtual key: LLM routes within its models, budgets and limits.
        case key
    }

    /// What the caller may do.
    public var role: Role
    /// The virtual key, when one was used.
    public var key: KeyRecord?
    /// The key's team, when it has one.
    public var team: TeamRecord?
    /// The key's user, when it has one.
    public var user: UserRecord?

    /// The master key's caller.
    public static let master = Caller(role: .master)

    /// A caller.
    public init(role: Role, key: KeyRecord? = nil, team: TeamRecord? = nil, user: UserRecord? = nil) {
        self.role = role
        self.key = key
        self.team = team
        self.user = user
    }

    /// Whether the caller may use the management routes (`/key/*`, `/team/*`, …).
    public var isAdmin: Bool { role != .key }

    /// The `created_by` / `updated_by` value for records this caller writes.
    public var actor: String { user?.userID ?? (key == nil ? "master_key" : key?.tokenHash ?? "master_key") }
}
