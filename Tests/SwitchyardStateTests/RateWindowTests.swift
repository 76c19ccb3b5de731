import Foundation
import SwitchyardState
import Testing

@Suite struct RateWindowTests {
    @Test func indexCountsWholeWindowsSinceTheEpoch() {
        let window = RateWindow.minute
        #expect(window.index(at: Date(timeIntervalSince1970: 0)) == 0)
        #expect(window.index(at: Date(timeIntervalSince1970: 59.999)) == 0)
        #expect(window.index(at: Date(timeIntervalSince1970: 60)) == 1)
        #expect(window.index(at: Date(timeIntervalSince1970: 1_750_000_000)) == 29_166_666)
        #expect(window.index(at: Date(timeIntervalSince1970: -1)) == -1)
    }

    @Test func endIsTheStartOfTheNextWindow() {
        let window = RateWindow(seconds: 10)
        #expect(window.end(at: Date(timeIntervalSince1970: 125)) == Date(timeIntervalSince1970: 130))
        #expect(window.end(at: Date(timeIntervalSince1970: 130)) == Date(timeIntervalSince1970: 140))
        #expect(RateWindow.minute.end(at: Date(timeIntervalSince1970: 1_750_000_000)) == Date(timeIntervalSince1970: 1_750_000_020))
    }

    @Test func keyNamesTheWindowAndExpiresWhenItEnds() {
        let key = RateWindow.minute.key("rpm:k:abc", at: Date(timeIntervalSince1970: 125))
        #expect(key.name == "rpm:k:abc:2")
        #expect(key.expiresAt == Date(timeIntervalSince1970: 180))
        let same = RateWindow.minute.key("rpm:k:abc", at: Date(timeIntervalSince1970: 179))
        let next = RateWindow.minute.key("rpm:k:abc", at: Date(timeIntervalSince1970: 180))
        #expect(same == key)
        #expect(next.name == "rpm:k:abc:3")
    }

    @Test func aWindowIsAtLeastOneSecond() {
        #expect(RateWindow(seconds: 0).seconds == 1)
        #expect(RateWindow(seconds: -5).seconds == 1)
    }
}
