import Foundation
import SwitchyardCore
import Testing

@testable import SwitchyardKeys

@Suite struct PlaintextKeyTests {
    @Test func theDatabaseNeverHoldsThePlaintextKey() async throws {
        var hash = ""
        var key = ""
        var contents = Data()
        try await EnforcementHarness.run { h in
            try await h.addTeam("team-1")
            key = try await h.addKey(team: "team-1") { $0.keyAlias = "app" }
            hash = VirtualKey.hash(key)
            for index in 0..<3 {
                let admission = try await h.admit(key, customer: "cust-1")
                var outcome = RequestOutcome(requestID: "req-\(index)", callType: "completion", model: "gpt-4o")
                outcome.cost = 0.01
                await h.access.finish(admission, outcome: outcome)
            }
            #expect(await h.access.spendWriter.flush())
            await h.sql.shutdown()
            // The database and its write-ahead log and shared-memory files, whatever is left of them.
            let directory = h.databaseFile.deletingLastPathComponent()
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
                contents.append(try Data(contentsOf: directory.appendingPathComponent(name)))
            }
        }
        #expect(!contents.isEmpty)
        // The hash is there, so the bytes read are the store's.
        #expect(contents.range(of: Data(hash.utf8)) != nil)
        #expect(contents.range(of: Data(key.utf8)) == nil)
        // Nor any long piece of it (a key stored in another encoding would still show its tail).
        #expect(contents.range(of: Data(key.dropFirst(3).prefix(20).utf8)) == nil)
        #expect(contents.range(of: Data(key.suffix(20).utf8)) == nil)
    }
}
