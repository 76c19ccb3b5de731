import Foundation
import SwitchyardKeys
import Testing

/// `ISOTime` writes UTC timestamps with milliseconds and reads the forms spend-log filters use.
struct ISOTimeTests {
    @Test func formatsWithMillisecondsAndZ() {
        #expect(ISOTime.format(utcDate(2026, 11, 21, 10, 0, 0)) == "2026-11-21T10:00:00.000Z")
        #expect(ISOTime.format(utcDate(2026, 11, 21, 10, 0, 0).addingTimeInterval(0.25)) == "2026-11-21T10:00:00.250Z")
    }

    @Test func parsesWithAndWithoutFractionalSeconds() {
        #expect(ISOTime.parse("2026-11-21T10:00:00.000Z") == utcDate(2026, 11, 21, 10, 0, 0))
        #expect(ISOTime.parse("2026-11-21T10:00:00Z") == utcDate(2026, 11, 21, 10, 0, 0))
        #expect(ISOTime.parse("2026-11-21T10:00:00.250Z") == utcDate(2026, 11, 21, 10, 0, 0).addingTimeInterval(0.25))
    }

    @Test func parsesAnOffsetInsteadOfZ() {
        #expect(ISOTime.parse("2026-11-21T12:00:00+02:00") == utcDate(2026, 11, 21, 10, 0, 0))
    }

    @Test func parsesADateAloneAsItsMidnightUTC() {
        #expect(ISOTime.parse("2026-11-21") == utcDate(2026, 11, 21))
    }

    @Test func roundTripsWhatItFormats() {
        let date = utcDate(2027, 2, 28, 23, 59, 59)
        #expect(ISOTime.parse(ISOTime.format(date)) == date)
    }

    @Test func readsATimestampWithoutAZoneAsUTC() {
        #expect(ISOTime.parse("2026-11-21T10:00:00") == utcDate(2026, 11, 21, 10, 0, 0))
    }

    @Test func acceptsALeapDayOnlyInALeapYear() {
        #expect(ISOTime.parse("2028-02-29") == utcDate(2028, 2, 29))
        #expect(ISOTime.parse("2027-02-29") == nil)
    }

    @Test func formatsAsFoundationDoes() {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        for seconds in stride(from: -2_000_000_000.0, through: 4_000_000_000.0, by: 86_399.125) {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(ISOTime.format(date) == style.format(date))
        }
    }

    @Test(arguments: [
        "", "yesterday", "2026-13-01", "2026-02-30", "2026-11-21T25:00:00Z", "2026-11-21T10:60:00Z", "21/11/2026", "2026-11-21T10:00",
        "2026-11-21T10:00:00.Z", "2026-11-21T10:00:00+2", "2026-11-21T10:00:00Zjunk", "2026-1-21",
    ])
    func rejects(text: String) {
        #expect(ISOTime.parse(text) == nil)
    }
}
