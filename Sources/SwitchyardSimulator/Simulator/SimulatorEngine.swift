import Synchronization

/// The provider simulator's core: decides, from a request alone, what a provider would answer.
///
/// One engine serves both fronts: ``SimulatorServer`` (a real socket) and ``SimulatorTransport``
/// (in-process, for `simulator/NAME` deployments). ``decide(_:)`` is pure apart from the random
/// draws for jitter and random failures, which come from the injected source in
/// ``Configuration/random``; ``respond(to:)`` then delivers the decision over time.
///
/// Answers are deterministic: the same request gets the same ids, text, usage and embeddings.
public final class SimulatorEngine: Sendable {
    /// The settings every request starts from.
    public let configuration: Configuration
    /// The dialects tried in order; the first that claims a path answers it.
    let dialects: [any SimulatorDialect]
    /// The random source; behind a lock because requests arrive concurrently, and uncontended in practice.
    private let random: Mutex<any RandomNumberGenerator & Sendable>

    /// An engine with `configuration`.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.dialects = [
            SimulatorBedrock(),
            SimulatorGemini(),
            SimulatorOllama(),
            SimulatorCohere(),
            SimulatorReplicate(),
            SimulatorOpenAI(),
            SimulatorAnthropic(),
        ]
        self.random = Mutex(configuration.random)
    }

    /// What to answer to `request`: status, headers, body, and when to send them.
    public func decide(_ request: SimulatorRequest) -> SimulatorDecision {
        for dialect in dialects {
            if let decision = dialect.decide(request, engine: self) { return decision }
        }
        // OpenAI is the default dialect: clients that reach a path no dialect knows get its 404.
        return SimulatorOpenAI.unknownRoute(request)
    }

    /// The faults for a request to `model` with `headers`: the configured plan, overridden by the
    /// model name, overridden by `x-sim-*` headers; random parts drawn now.
    func faults(model: String?, headers: [(name: String, value: String)]) throws(FaultPlan.InvalidHeader) -> FaultOutcome {
        var plan = configuration.faults
        if let model { plan = plan.overridden(by: FaultPlan(modelName: model)) }
        plan = plan.overridden(by: try FaultPlan(headers: headers))
        let defaultTokensPerSecond = configuration.tokensPerSecond
        return random.withLock { random in
            plan.resolve(defaultTokensPerSecond: defaultTokensPerSecond, using: &random)
        }
    }
}
