import SwitchyardCore
import Synchronization

/// Makes request ids: a random 64-bit prefix per process and a counter, formatted like a UUID.
///
/// `Foundation.UUID()` opened `/dev/urandom` on every call here, a system call pair per request; ids
/// only need to be unique, not secret, so a per-process random prefix plus a counter does.
package final class RequestIDGenerator: Sendable {
    private let prefix: UInt64
    private let counter = Atomic<UInt64>(0)

    package init(random: FastRandom = FastRandom()) {
        var random = random
        self.prefix = random.next()
    }

    /// The next id, as 36 characters `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`.
    package func next() -> String {
        let count = counter.add(1, ordering: .relaxed).newValue
        var bytes = [UInt8]()
        bytes.reserveCapacity(36)
        RequestIDGenerator.appendHex(prefix, digits: 16, to: &bytes)
        RequestIDGenerator.appendHex(count, digits: 16, to: &bytes)
        for position in [8, 13, 18, 23] { bytes.insert(UInt8(ascii: "-"), at: position) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func appendHex(_ value: UInt64, digits: Int, to bytes: inout [UInt8]) {
        let alphabet: StaticString = "0123456789abcdef"
        for index in stride(from: digits - 1, through: 0, by: -1) {
            let nibble = Int((value >> (UInt64(index) * 4)) & 0xF)
            bytes.append(alphabet.utf8Start[nibble])
        }
    }
}
