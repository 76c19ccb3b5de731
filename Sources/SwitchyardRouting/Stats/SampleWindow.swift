/// The newest latency samples of one kind for one deployment, oldest first, each with the instant it was
/// taken so that it can expire.
///
/// Two parallel arrays rather than an array of pairs: ``values`` is handed to strategies as is, without
/// copying. Both are bounded by the window size (10 by default), so shifting on removal costs less than
/// a ring buffer's index arithmetic on every read, and the arrays keep their storage in the steady state.
struct SampleWindow {
    /// The samples, oldest first.
    private(set) var values: [Double] = []
    private var stamps: [ContinuousClock.Instant] = []

    /// Appends `value` taken at `instant`, first dropping the oldest samples beyond `capacity - 1`.
    mutating func append(_ value: Double, at instant: ContinuousClock.Instant, capacity: Int) {
        guard capacity > 0 else { return }
        let excess = values.count - (capacity - 1)
        if excess > 0 {
            values.removeFirst(excess)
            stamps.removeFirst(excess)
        }
        values.append(value)
        stamps.append(instant)
    }

    /// The samples taken at or after `cutoff`: the stored array itself (no copy) when none expired.
    func values(since cutoff: ContinuousClock.Instant) -> [Double] {
        guard let oldest = stamps.first, oldest < cutoff else { return values }
        let expired = stamps.firstIndex { $0 >= cutoff } ?? stamps.count
        return Array(values[expired...])
    }
}
