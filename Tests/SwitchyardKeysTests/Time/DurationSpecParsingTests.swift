import SwitchyardKeys
import Testing

/// `DurationSpec` reads LiteLLM's duration strings and nothing else.
struct DurationSpecParsingTests {
    @Test(arguments: [
        ("30s", 30, DurationSpec.Unit.seconds), ("15m", 15, .minutes), ("2h", 2, .hours), ("7d", 7, .days), ("1w", 1, .weeks),
        ("1mo", 1, .months), ("12mo", 12, .months),
    ])
    func readsEachUnit(text: String, count: Int, unit: DurationSpec.Unit) {
        let spec = DurationSpec(text)
        #expect(spec?.count == count)
        #expect(spec?.unit == unit)
    }

    @Test func readsABareNumberAsSeconds() {
        #expect(DurationSpec("3600") == DurationSpec(count: 3600, unit: .seconds))
    }

    @Test func ignoresSurroundingSpaces() {
        #expect(DurationSpec("  30d ") == DurationSpec(count: 30, unit: .days))
    }

    @Test(arguments: ["", "d", "0s", "0", "-5m", "1.5h", "30 d", "30D", "1y", "1month", "mo", "5x", "99999999999999999999s", "2000000w"])
    func rejects(text: String) {
        #expect(DurationSpec(text) == nil)
    }

    @Test func writesItselfBackInTheSameForm() {
        for text in ["30s", "15m", "2h", "7d", "1w", "3mo"] {
            #expect(DurationSpec(text)?.description == text)
        }
        #expect(DurationSpec("90")?.description == "90s")
    }

    @Test func knowsItsLengthInSecondsExceptForMonths() {
        #expect(DurationSpec("2h")?.seconds == 7200)
        #expect(DurationSpec("1w")?.seconds == 604_800)
        #expect(DurationSpec("1mo")?.seconds == nil)
    }
}
