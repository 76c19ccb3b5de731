import Foundation
import Testing

@testable import SwitchyardKeys

@Suite struct VirtualKeyTests {
    private static let urlSafe = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

    @Test func generatesSkAnd43URLSafeCharacters() {
        for _ in 0..<200 {
            let key = VirtualKey.generate()
            #expect(key.hasPrefix("sk-"))
            #expect(key.count == 46)
            #expect(key.dropFirst(3).allSatisfy { Self.urlSafe.contains($0) })
        }
    }

    @Test func generatesADifferentKeyEachTime() {
        let keys = (0..<1000).map { _ in VirtualKey.generate() }
        #expect(Set(keys).count == 1000)
    }

    @Test func generatedKeysUseTheWholeAlphabet() {
        let seen = Set((0..<500).flatMap { _ in VirtualKey.generate().dropFirst(3) })
        #expect(seen == Self.urlSafe)
    }

    @Test func hashIsLowercaseHexSHA256() {
        // FIPS 180-2 test vector.
        #expect(VirtualKey.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(VirtualKey.hash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func hashesAreStable() {
        let key = VirtualKey.generate()
        #expect(VirtualKey.hash(key) == VirtualKey.hash(key))
        #expect(VirtualKey.hash(key) != VirtualKey.hash(key + "x"))
    }

    @Test func displayNameShowsOnlyTheLastFourCharacters() {
        #expect(VirtualKey.displayName("sk-abcdefgh1234") == "sk-...1234")
        #expect(VirtualKey.displayName("custom-key-wxyz") == "...wxyz")
        let key = VirtualKey.generate()
        #expect(VirtualKey.displayName(key) == "sk-..." + key.suffix(4))
    }

    @Test func isHashAcceptsOnlySixtyFourLowercaseHexDigits() {
        #expect(VirtualKey.isHash(VirtualKey.hash("abc")))
        #expect(!VirtualKey.isHash(VirtualKey.hash("abc").uppercased()))
        #expect(!VirtualKey.isHash(String(VirtualKey.hash("abc").dropLast())))
        #expect(!VirtualKey.isHash(VirtualKey.hash("abc") + "0"))
        #expect(!VirtualKey.isHash(String(repeating: "g", count: 64)))
        #expect(!VirtualKey.isHash(VirtualKey.generate()))
    }
}
