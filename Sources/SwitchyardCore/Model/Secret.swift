/// A credential that never prints itself: logs, descriptions and dumps show `<redacted>`.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    /// Wraps a credential.
    public init(_ value: String) {
        self.value = value
    }

    /// The credential itself, for the one place that must send it (an HTTP header).
    public func reveal() -> String { value }

    /// Compares with a presented credential in time independent of where they first differ.
    public func matches(_ presented: String) -> Bool {
        var (value, presented) = (value, presented)
        // Native strings are contiguous UTF-8: compared in place, nothing copied.
        return value.withUTF8 { lhs in
            presented.withUTF8 { rhs in
                var difference: UInt8 = lhs.count == rhs.count ? 0 : 1
                for index in 0..<max(lhs.count, rhs.count) {
                    difference |= (index < lhs.count ? lhs[index] : 0) ^ (index < rhs.count ? rhs[index] : 0)
                }
                return difference == 0
            }
        }
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    /// No children, so `dump` and mirrors print `<redacted>` too.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
