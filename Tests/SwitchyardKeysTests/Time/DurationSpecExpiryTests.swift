import Foundation
import SwitchyardKeys
import Testing

/// `DurationSpec.expiry(from:)` adds the span: fixed units exactly, months by the UTC calendar.
struct DurationSpecExpiryTests {
    let start = utcDate(2026, 11, 21, 10, 0, 0)

    @Test func addsFixedLengthSpans() throws {
        #expect(try #require(DurationSpec("30s")).expiry(from: start) == utcDate(2026, 11, 21, 10, 0, 30))
        #expect(try #require(DurationSpec("15m")).expiry(from: start) == utcDate(2026, 11, 21, 10, 15, 0))
        #expect(try #require(DurationSpec("2h")).expiry(from: start) == utcDate(2026, 11, 21, 12, 0, 0))
        #expect(try #require(DurationSpec("7d")).expiry(from: start) == utcDate(2026, 11, 28, 10, 0, 0))
        #expect(try #require(DurationSpec("2w")).expiry(from: start) == utcDate(2026, 12, 5, 10, 0, 0))
    }

    @Test func addsCalendarMonthsAcrossAYearEnd() throws {
        #expect(try #require(DurationSpec("2mo")).expiry(from: start) == utcDate(2027, 1, 21, 10, 0, 0))
    }

    @Test func endsAMonthLaterOnTheLastDayWhenTheDayDoesNotExist() throws {
        #expect(try #require(DurationSpec("1mo")).expiry(from: utcDate(2027, 1, 31, 8, 0, 0)) == utcDate(2027, 2, 28, 8, 0, 0))
    }
}
