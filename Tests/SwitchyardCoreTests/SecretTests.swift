import SwitchyardCore
import Testing

struct SecretTests {
    @Test func matchesOnlyTheSameBytes() {
        let secret = Secret("sk-master-1234")
        #expect(secret.matches("sk-master-1234"))
        #expect(!secret.matches("sk-master-1235"))
        #expect(!secret.matches("sk-master-123"))
        #expect(!secret.matches("sk-master-12345"))
        #expect(!secret.matches(""))
        #expect(Secret("").matches(""))
    }

    @Test func aLengthDifferenceIsNeverHiddenByPadding() {
        // Lengths that differ by a multiple of 256, the tail all zero bytes: still different.
        let secret = Secret("abc")
        #expect(!secret.matches("abc" + String(repeating: "\0", count: 256)))
        #expect(!Secret("abc" + String(repeating: "\0", count: 256)).matches("abc"))
    }

    @Test func nonASCIIKeysCompareByteForByte() {
        #expect(Secret("clé-ü").matches("clé-ü"))
        #expect(!Secret("clé-ü").matches("cle-u"))
    }

    @Test func neverPrintsItself() {
        #expect("\(Secret("sk-hidden"))" == "<redacted>")
    }
}
