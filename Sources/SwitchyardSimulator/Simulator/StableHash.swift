/// A 64-bit FNV-1a hash that is the same in every process and on every run.
///
/// Swift's `Hasher` is seeded per process, so it cannot derive ids and embeddings that must repeat
/// across runs.
struct StableHash: Sendable {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    init() {}

    /// Mixes in `bytes`.
    mutating func combine(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01B3
        }
    }

    /// Mixes in the UTF-8 of `text`, then a separator so that `("ab", "c")` and `("a", "bc")` differ.
    mutating func combine(_ text: String) {
        combine(text.utf8)
        combine(CollectionOfOne(0xFF))
    }

    /// Mixes in the little-endian bytes of `number`.
    mutating func combine(_ number: UInt64) {
        combine((0..<8).map { UInt8(truncatingIfNeeded: number >> ($0 * 8)) })
    }

    /// The hash as 16 lowercase hex digits.
    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The hash of `bytes`.
    static func of(_ bytes: some Sequence<UInt8>) -> StableHash {
        var hash = StableHash()
        hash.combine(bytes)
        return hash
    }
}
