import SwitchyardCore

/// `router_settings.allowed_fails_policy`: how many failures of each kind a deployment may have in a minute
/// before it cools down.
///
/// Each property is one of LiteLLM's `AllowedFailsPolicy` keys; `nil` means the key is not set, so
/// `allowed_fails` applies to that kind. The last three keys are recent LiteLLM additions (503, 502, 404).
public struct AllowedFailsPolicySettings: Sendable, Hashable {
    /// `BadRequestErrorAllowedFails`.
    public var badRequest: Int?
    /// `AuthenticationErrorAllowedFails`.
    public var authentication: Int?
    /// `TimeoutErrorAllowedFails`.
    public var timeout: Int?
    /// `RateLimitErrorAllowedFails`.
    public var rateLimit: Int?
    /// `ContentPolicyViolationErrorAllowedFails`.
    public var contentPolicyViolation: Int?
    /// `InternalServerErrorAllowedFails`.
    public var internalServer: Int?
    /// `ServiceUnavailableErrorAllowedFails` (503).
    public var serviceUnavailable: Int?
    /// `BadGatewayErrorAllowedFails` (502).
    public var badGateway: Int?
    /// `NotFoundErrorAllowedFails` (404).
    public var notFound: Int?

    /// A policy; no kind set by default.
    public init(
        badRequest: Int? = nil,
        authentication: Int? = nil,
        timeout: Int? = nil,
        rateLimit: Int? = nil,
        contentPolicyViolation: Int? = nil,
        internalServer: Int? = nil,
        serviceUnavailable: Int? = nil,
        badGateway: Int? = nil,
        notFound: Int? = nil
    ) {
        self.badRequest = badRequest
        self.authentication = authentication
        self.timeout = timeout
        self.rateLimit = rateLimit
        self.contentPolicyViolation = contentPolicyViolation
        self.internalServer = internalServer
        self.serviceUnavailable = serviceUnavailable
        self.badGateway = badGateway
        self.notFound = notFound
    }

    /// LiteLLM's key names, in the order of its `AllowedFailsPolicy` class.
    public static let keys: [String] = LiteLLMErrorClass.allowedFailsClasses.map(\.allowedFailsKey)

    /// The allowance for `errorClass`.
    public subscript(errorClass errorClass: LiteLLMErrorClass) -> Int? {
        get { self[keyPath: Self.property(errorClass)] }
        set { self[keyPath: Self.property(errorClass)] = newValue }
    }

    /// The value of LiteLLM's key `key`; setting an unknown key does nothing.
    public subscript(key: String) -> Int? {
        get { LiteLLMErrorClass.allowedFailsClasses.first { $0.allowedFailsKey == key }.flatMap { self[errorClass: $0] } }
        set {
            if let errorClass = LiteLLMErrorClass.allowedFailsClasses.first(where: { $0.allowedFailsKey == key }) {
                self[errorClass: errorClass] = newValue
            }
        }
    }

    /// The kinds that are set, by LiteLLM's key name (`RateLimitErrorAllowedFails: 100`).
    public var byKey: [String: Int] {
        Self.keys.reduce(into: [:]) { result, key in result[key] = self[key] }
    }

    private static func property(_ errorClass: LiteLLMErrorClass) -> WritableKeyPath<Self, Int?> {
        switch errorClass {
        case .badRequest: \.badRequest
        case .authentication: \.authentication
        case .timeout: \.timeout
        case .rateLimit: \.rateLimit
        case .contentPolicy: \.contentPolicyViolation
        case .internalServer: \.internalServer
        case .serviceUnavailable: \.serviceUnavailable
        case .badGateway: \.badGateway
        case .notFound: \.notFound
        }
    }
}
