extension FaultPlan {
    /// An `x-sim-*` header whose value is out of range; the simulator answers it with 400.
    public struct InvalidHeader: Error, Sendable, Equatable, CustomStringConvertible {
        /// The header, lowercased.
        public var name: String
        /// What the header accepts.
        public var expected: String

        public var description: String { "Header \(name) must be \(expected)." }
    }

    /// The faults a model name asks for, by the grammar in the ``FaultPlan`` documentation.
    ///
    /// Segments that are not part of the grammar are ignored, so every ordinary model name is a
    /// plan with no faults.
    public init(modelName: String) {
        self.init()
        let segments = modelName.lowercased().split(whereSeparator: { "-/_:".contains($0) }).map(String.init)
        var index = 0
        func number(at offset: Int) -> Int? {
            index + offset < segments.count ? Int(segments[index + offset]) : nil
        }
        while index < segments.count {
            let next = index + 1 < segments.count ? segments[index + 1] : ""
            switch segments[index] {
            case "fail" where number(at: 1).map(Self.isErrorStatus) == true:
                failStatus = number(at: 1)
                index += 1
            case "flaky" where (number(at: 1) ?? -1) >= 0 && (number(at: 1) ?? 101) <= 100:
                failRate = Double(number(at: 1) ?? 0) / 100
                index += 1
            case "retry" where next == "after" && number(at: 2) != nil:
                retryAfterSeconds = number(at: 2)
                index += 2
            case "latency" where Self.milliseconds(next) != nil:
                latencyMilliseconds = Self.milliseconds(next)
                index += 1
            case "jitter" where Self.milliseconds(next) != nil:
                latencyJitterMilliseconds = Self.milliseconds(next)
                index += 1
            case "timeout":
                timeout = true
            case "cut" where number(at: 1) != nil:
                cutAfter = number(at: 1)
                index += 1
            case "malformed":
                malformed = true
            case "tps" where number(at: 1) != nil:
                tokensPerSecond = number(at: 1).map(Double.init)
                index += 1
            case "ctx" where number(at: 1) != nil:
                contextWindow = number(at: 1)
                index += 1
            default:
                break
            }
            index += 1
        }
    }

    /// The faults `x-sim-*` headers ask for; headers without the `x-sim-` prefix are ignored.
    ///
    /// - Throws: ``InvalidHeader`` for an unknown `x-sim-*` header or a value out of its range, so a
    ///   typo is not silently a normal request.
    public init(headers: [(name: String, value: String)]) throws(InvalidHeader) {
        self.init()
        for (rawName, rawValue) in headers {
            let name = rawName.lowercased()
            guard name.hasPrefix("x-sim-") else { continue }
            let value = Self.trimmed(rawValue)
            switch name {
            case "x-sim-fail-status":
                failStatus = try Self.parse(value, name, "an HTTP status from 400 to 599") { Int($0).flatMap { Self.isErrorStatus($0) ? $0 : nil } }
            case "x-sim-fail-rate":
                failRate = try Self.parse(value, name, "a number from 0 to 1") { Double($0).flatMap { (0...1).contains($0) ? $0 : nil } }
            case "x-sim-retry-after":
                retryAfterSeconds = try Self.parse(value, name, "a whole number of seconds", Self.count)
            case "x-sim-latency-ms":
                latencyMilliseconds = try Self.parse(value, name, "a whole number of milliseconds", Self.count)
            case "x-sim-latency-jitter-ms":
                latencyJitterMilliseconds = try Self.parse(value, name, "a whole number of milliseconds", Self.count)
            case "x-sim-timeout":
                timeout = try Self.parse(value, name, "1, true, 0 or false", Self.flag)
            case "x-sim-cut-after":
                cutAfter = try Self.parse(value, name, "a whole number of events", Self.count)
            case "x-sim-malformed":
                malformed = try Self.parse(value, name, "1, true, 0 or false", Self.flag)
            case "x-sim-tokens-per-second":
                tokensPerSecond = try Self.parse(value, name, "a number of tokens per second, 0 or more") {
                    Double($0).flatMap { $0 >= 0 && $0.isFinite ? $0 : nil }
                }
            case "x-sim-context-window":
                contextWindow = try Self.parse(value, name, "a whole number of tokens", Self.count)
            default:
                throw InvalidHeader(name: name, expected: "one of the documented x-sim-* headers")
            }
        }
    }

    private static func parse<T>(_ value: String, _ name: String, _ expected: String, _ read: (String) -> T?) throws(InvalidHeader) -> T {
        guard let parsed = read(value) else { throw InvalidHeader(name: name, expected: expected) }
        return parsed
    }

    private static func isErrorStatus(_ status: Int) -> Bool { (400...599).contains(status) }

    private static func count(_ text: String) -> Int? { Int(text).flatMap { $0 >= 0 ? $0 : nil } }

    private static func flag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "true", "yes", "on": true
        case "0", "false", "no", "off": false
        default: nil
        }
    }

    /// `200ms` → 200, `2s` → 2000, `150` → 150.
    private static func milliseconds(_ segment: String) -> Int? {
        if segment.hasSuffix("ms") { return count(String(segment.dropLast(2))) }
        if segment.hasSuffix("s") {
            return count(String(segment.dropLast())).flatMap { $0.multipliedReportingOverflow(by: 1000).overflow ? nil : $0 * 1000 }
        }
        return count(segment)
    }

    private static func trimmed(_ text: String) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
