#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

extension DeploymentStats {
    /// One deployment's figures. Mutated only under ``DeploymentStats``'s lock.
    struct Entry {
        var inFlight = 0
        /// The UTC minute `requests` and `tokens` belong to.
        var minute = Int64.min
        var requests = 0
        var tokens = 0
        var latencyPerToken = SampleWindow()
        var timeToFirstToken = SampleWindow()
        /// The peak-EWMA as of `peakStamp`, seconds.
        var peak: Double?
        var peakStamp: ContinuousClock.Instant?

        /// Starts counting `minute` afresh when it is not the one the counters hold.
        mutating func roll(to minute: Int64) {
            guard self.minute != minute else { return }
            self.minute = minute
            requests = 0
            tokens = 0
        }

        mutating func begin(minute: Int64) {
            inFlight += 1
            roll(to: minute)
            requests += 1
        }

        mutating func addTokens(_ count: Int, minute: Int64) {
            roll(to: minute)
            // Usage comes from upstreams: saturate rather than trap on an absurd count.
            let (sum, overflow) = tokens.addingReportingOverflow(max(count, 0))
            tokens = overflow ? Int.max : sum
        }

        mutating func finish(
            _ outcome: Outcome,
            at now: ContinuousClock.Instant,
            minute: Int64,
            configuration: Configuration,
            decaySeconds: Double,
            releasingSlot: Bool = true
        ) {
            if releasingSlot { inFlight = max(inFlight - 1, 0) }
            let capacity = configuration.latencyWindowSize
            switch outcome {
            case .success(let latency, let timeToFirstToken, let outputTokens, let totalTokens):
                if let totalTokens { addTokens(totalTokens, minute: minute) }
                if let timeToFirstToken {
                    let seconds = DeploymentStats.seconds(timeToFirstToken)
                    self.timeToFirstToken.append(seconds, at: now, capacity: capacity)
                    observePeak(seconds, at: now, decaySeconds: decaySeconds)
                } else {
                    let seconds = DeploymentStats.seconds(latency)
                    latencyPerToken.append(seconds / Double(max(outputTokens ?? 1, 1)), at: now, capacity: capacity)
                    observePeak(seconds, at: now, decaySeconds: decaySeconds)
                }
            case .failure(let timedOut, let latency):
                guard timedOut else { return }
                latencyPerToken.append(configuration.timeoutPenalty, at: now, capacity: capacity)
                self.timeToFirstToken.append(configuration.timeoutPenalty, at: now, capacity: capacity)
                observePeak(DeploymentStats.seconds(latency), at: now, decaySeconds: decaySeconds)
            }
        }

        /// Feeds one latency sample to the peak-EWMA (Finagle's `PeakEwma`, tower's `RttEstimate`): a
        /// sample above the current estimate replaces it at once; otherwise the estimate moves toward it
        /// by `1 - e^(-elapsed/decay)`, so it forgets slowly when samples are sparse and quickly when they
        /// are dense.
        mutating func observePeak(_ sample: Double, at now: ContinuousClock.Instant, decaySeconds: Double) {
            if let peak, let peakStamp {
                let retained = Self.retention(since: peakStamp, at: now, decaySeconds: decaySeconds)
                let decayed = peak * retained
                self.peak = sample > decayed ? sample : decayed + sample * (1 - retained)
            } else {
                peak = sample
            }
            peakStamp = now
        }

        /// The figures a strategy sees at `now`, without the latency samples taken before `cutoff`.
        ///
        /// Reading changes nothing: a read through a dictionary's `modify` accessor allocated its coroutine
        /// frame on every call (issue 10: 17 allocations per request in routing). Expired samples are
        /// left out here and pushed out by newer ones (the window is bounded).
        func load(
            at now: ContinuousClock.Instant,
            minute: Int64,
            expiringBefore cutoff: ContinuousClock.Instant,
            decaySeconds: Double
        ) -> DeploymentLoad {
            let current = self.minute == minute
            // The estimate decays toward 0 while no answer arrives (Finagle decays it on every read), so an
            // idle or stalled deployment becomes worth probing again; it is computed, not stored, so reads
            // leave the next sample's weighting unchanged.
            var decayedPeak: Double?
            if let peak, let peakStamp {
                decayedPeak = peak * Self.retention(since: peakStamp, at: now, decaySeconds: decaySeconds)
            }
            return DeploymentLoad(
                inFlight: inFlight,
                requestsThisMinute: current ? requests : 0,
                tokensThisMinute: current ? tokens : 0,
                latencyPerToken: latencyPerToken.values(since: cutoff),
                timeToFirstToken: timeToFirstToken.values(since: cutoff),
                peakEWMA: decayedPeak
            )
        }

        /// `e^(-elapsed/decay)`: the share of an estimate kept after `elapsed`; 0 with no decay time.
        static func retention(since stamp: ContinuousClock.Instant, at now: ContinuousClock.Instant, decaySeconds: Double) -> Double {
            guard decaySeconds > 0 else { return 0 }
            return exp(-DeploymentStats.seconds(now - stamp) / decaySeconds)
        }
    }
}
