import Crypto
import Foundation
import SwitchyardCore

/// Making, hashing and displaying virtual keys. Only the SHA-256 of a key is ever stored.
public enum VirtualKey {
    /// Characters of a generated key after `sk-`: URL-safe, no padding.
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

    /// A new key: `sk-` and 43 URL-safe characters (256 bits from the system's secure generator).
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        var key = "sk-"
        for _ in 0..<43 { key.append(alphabet[Int(generator.next(upperBound: UInt8(alphabet.count)))]) }
        return key
    }

    /// Lowercase hex SHA-256 of the key: the `token` LiteLLM's API shows and the store's primary key.
    public static func hash(_ key: String) -> String {
        let digest = SHA256.hash(data: Array(key.utf8))
        var hex = ""
        hex.reserveCapacity(64)
        for byte in digest {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0f)])
        }
        return hex
    }

    /// `sk-...abcd`: the key's last four characters, safe to show.
    public static func displayName(_ key: String) -> String {
        let prefix = key.hasPrefix("sk-") ? "sk-" : ""
        return "\(prefix)...\(key.suffix(4))"
    }

    /// Whether `text` looks like a stored hash rather than a key (admin routes accept either).
    public static func isHash(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    private static let hexDigits = Array("0123456789abcdef")
}
