import Foundation
import Testing

@testable import SwitchyardKeys

/// Text from requests is stored without NUL and at most 256 characters, so no row can poison a batch.
struct StoredTextTests {
    @Test func removesNULAndCutsLongText() {
        #expect(StoredText.clean("acme\u{0}corp") == "acmecorp")
        #expect(StoredText.clean(String(repeating: "x", count: 1000)).count == 256)
        #expect(StoredText.clean("plain") == "plain")
    }

    @Test func aCustomerWithNULInItsNameIsChargedUnderTheCleanName() async throws {
        try await EnforcementHarness.run { harness in
            let key = try await harness.addKey()
            let admission = try await harness.admit(key, customer: "acme\u{0}")
            #expect(admission.customerID == "acme")
            await harness.finish(admission, cost: 0.5)
            await harness.access.spendWriter.flush()
            let customer = try await harness.sql.customer(id: "acme")
            #expect(customer?.spend == 0.5)
        }
    }
}
