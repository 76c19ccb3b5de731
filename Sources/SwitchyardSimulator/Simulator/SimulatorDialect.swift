/// One provider wire format the simulator speaks (OpenAI now; Anthropic, Gemini, … later).
///
/// A dialect owns its paths, its authentication header, its JSON shapes and its error body; the
/// engine owns what all dialects share: faults, pacing, deterministic text.
protocol SimulatorDialect: Sendable {
    /// The answer to `request`, or nil when its path is not this dialect's.
    func decide(_ request: SimulatorRequest, engine: SimulatorEngine) -> SimulatorDecision?
}
