import Foundation
import SwitchyardKeys
import Testing

/// `DurationSpec.nextReset(after:)` puts budget resets on round UTC times, as LiteLLM does.
struct BudgetResetTests {
    /// A Saturday morning.
    let now = utcDate(2026, 11, 21, 10, 35, 20)

    private func reset(_ text: String, after date: Date? = nil) throws -> Date {
        try #require(DurationSpec(text)).nextReset(after: date ?? now)
    }

    @Test func resetsSecondsOnTheNextMultipleWithinTheMinute() throws {
        #expect(try reset("30s") == utcDate(2026, 11, 21, 10, 35, 30))
        #expect(try reset("30s", after: utcDate(2026, 11, 21, 10, 35, 30)) == utcDate(2026, 11, 21, 10, 36, 0))
        #expect(try reset("45s", after: utcDate(2026, 11, 21, 23, 59, 50)) == utcDate(2026, 11, 22, 0, 0, 30))
    }

    @Test func resetsMinutesOnTheNextMultipleWithinTheHour() throws {
        #expect(try reset("15m") == utcDate(2026, 11, 21, 10, 45, 0))
        #expect(try reset("45m", after: utcDate(2026, 11, 21, 10, 50, 0)) == utcDate(2026, 11, 21, 11, 30, 0))
        #expect(try reset("1m") == utcDate(2026, 11, 21, 10, 36, 0))
    }

    @Test func resetsHoursOnTheNextMultipleSinceMidnight() throws {
        #expect(try reset("1h") == utcDate(2026, 11, 21, 11, 0, 0))
        #expect(try reset("4h") == utcDate(2026, 11, 21, 12, 0, 0))
        #expect(try reset("5h", after: utcDate(2026, 11, 21, 22, 0, 0)) == utcDate(2026, 11, 22, 1, 0, 0))
    }

    @Test func resetsADailyBudgetAtTheNextMidnight() throws {
        #expect(try reset("1d") == utcDate(2026, 11, 22))
        #expect(try reset("1d", after: utcDate(2026, 11, 21)) == utcDate(2026, 11, 22))
    }

    @Test func resetsAWeeklyBudgetOnMondayAtMidnight() throws {
        #expect(try reset("1w") == utcDate(2026, 11, 23))
        #expect(try reset("7d") == utcDate(2026, 11, 23))
        // On a Monday, this Monday's midnight has passed: the next is a week later.
        #expect(try reset("1w", after: utcDate(2026, 11, 23, 9, 0, 0)) == utcDate(2026, 11, 30))
        #expect(try reset("1w", after: utcDate(2026, 11, 22, 23, 59, 59)) == utcDate(2026, 11, 23))
    }

    @Test func resetsAThirtyDayBudgetOnTheFirstOfNextMonth() throws {
        #expect(try reset("30d") == utcDate(2026, 12, 1))
        #expect(try reset("30d", after: utcDate(2026, 12, 31, 23, 0, 0)) == utcDate(2027, 1, 1))
    }

    @Test func resetsOtherDayCountsThatManyDaysAfterTodaysMidnight() throws {
        #expect(try reset("3d") == utcDate(2026, 11, 24))
        #expect(try reset("2w") == utcDate(2026, 12, 5))
    }

    @Test func resetsMonthlyBudgetsOnTheFirstOfTheMonthNMonthsAhead() throws {
        #expect(try reset("1mo") == utcDate(2026, 12, 1))
        #expect(try reset("2mo") == utcDate(2027, 1, 1))
        #expect(try reset("1mo", after: utcDate(2026, 12, 1)) == utcDate(2027, 1, 1))
    }

    @Test func alwaysResetsLaterThanNow() throws {
        for text in ["1s", "7s", "1m", "7m", "1h", "7h", "1d", "7d", "30d", "1w", "3w", "1mo", "5mo"] {
            for date in [now, utcDate(2026, 11, 23), utcDate(2026, 12, 31, 23, 59, 59), utcDate(2028, 2, 29, 12, 0, 0)] {
                #expect(try reset(text, after: date) > date, "\(text) after \(date)")
            }
        }
    }
}
