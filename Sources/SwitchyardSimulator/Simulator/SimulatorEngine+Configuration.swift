extension SimulatorEngine {
    /// How an engine answers when a request asks for nothing special.
    public struct Configuration: Sendable {
        /// Stream pacing in tokens (words) per second when neither the model name nor a header sets
        /// it; 0 streams as fast as possible. Default 100.
        public var tokensPerSecond: Double
        /// The length of embedding vectors when a request sends no `dimensions`. Default 8.
        public var embeddingDimensions: Int
        /// The models `GET /v1/models` lists. Any model name is served whether listed or not.
        public var models: [String]
        /// The `created` timestamp of every answer, fixed so that answers repeat exactly.
        /// Default 1,700,000,000 (2023-11-14).
        public var created: Int
        /// Faults applied to every request, under those of model names and headers. Default none.
        public var faults: FaultPlan
        /// How long the server front holds a request that never answers (the `timeout` fault)
        /// before giving up with 408, so a forgotten client cannot hold a task forever. Default 1 hour.
        public var hangLimit: Duration
        /// The clock latency and pacing sleep on.
        public var clock: any Clock<Duration>
        /// The source of random jitter and random failures; seed it for repeatable tests.
        public var random: any RandomNumberGenerator & Sendable

        /// The defaults: 100 tokens per second, 8 dimensions, no faults, system clock and random source.
        public init(
            tokensPerSecond: Double = 100,
            embeddingDimensions: Int = 8,
            models: [String] = ["gpt-4o", "gpt-4o-mini", "gpt-3.5-turbo-instruct", "text-embedding-3-small"],
            created: Int = 1_700_000_000,
            faults: FaultPlan = FaultPlan(),
            hangLimit: Duration = .seconds(3600),
            clock: any Clock<Duration> = ContinuousClock(),
            random: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()
        ) {
            self.tokensPerSecond = tokensPerSecond
            self.embeddingDimensions = embeddingDimensions
            self.models = models
            self.created = created
            self.faults = faults
            self.hangLimit = hangLimit
            self.clock = clock
            self.random = random
        }
    }
}
