import Foundation
import Logging
import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys
import Testing

@testable import SwitchyardServer

/// A meter nobody ended (a stream whose body never ran) still gives its in-flight slot back.
struct MeterReleaseTests {
    @Test func aMeterDroppedWithoutAnEndReleasesItsParallelSlot() async throws {
        try await MeteringFixture.run { fixture in
            let (key, _) = try await fixture.key { $0.limits.maxParallelRequests = 1 }
            let caller = try await fixture.access.authenticate(key)
            do {
                let admission = try await fixture.access.admit(caller, model: "gpt", customerID: nil)
                _ = RequestMeter(
                    access: fixture.access, admission: admission, costs: CostCalculator(), requestID: "r", callType: "acompletion",
                    body: [:], logger: Logger(label: "test"))
            }
            var admitted = false
            for _ in 0..<200 where !admitted {
                if (try? await fixture.access.admit(caller, model: "gpt", customerID: nil)) != nil {
                    admitted = true
                } else {
                    try await Task.sleep(for: .milliseconds(10))
                }
            }
            #expect(admitted)
        }
    }
}
