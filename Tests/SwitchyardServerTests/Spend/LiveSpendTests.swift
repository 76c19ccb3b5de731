import Foundation
import HTTPTypes
import HummingbirdTesting
import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys
import SwitchyardServer
import Testing

/// The info routes report spend as the budget checks see it: exact the moment a request ends, before
/// the batched writer has stored it.
struct LiveSpendTests {
    func info(_ fixture: MeteringFixture, _ uri: String) async throws -> JSONValue {
        let headers: HTTPFields = [.authorization: "Bearer \(TestGateway.key)"]
        return try await fixture.client.execute(uri: uri, method: .get, headers: headers) { response in
            #expect(response.status == .ok)
            return try #require(response.json)
        }
    }

    @Test func keyTeamUserAndCustomerInfoShowSpendNotWrittenYet() async throws {
        try await MeteringFixture.run { fixture in
            var team = TeamRecord(teamID: "t1", createdAt: Date())
            team.limits.maxBudget = 100
            try await fixture.store.insertTeam(team)
            try await fixture.store.insertUser(UserRecord(userID: "u1", createdAt: Date()))
            try await fixture.store.insertCustomer(CustomerRecord(customerID: "c1", createdAt: Date()))
            let key = try await fixture.key {
                $0.teamID = "t1"
                $0.userID = "u1"
            }
            var costs = 0.0
            for _ in 0..<2 {
                let answer = try await fixture.chat(key.key, extra: #","user":"c1""#)
                #expect(answer.status == 200)
                costs += Double(answer.headers[named: "x-litellm-response-cost"] ?? "") ?? 0
            }
            #expect(costs > 0)
            // Nothing has been written yet: the store still says 0.
            #expect(try await fixture.store.key(hash: key.hash)?.spend == 0)
            let keyInfo = try await info(fixture, "/key/info?key=\(key.hash)")
            #expect(abs((keyInfo.objectValue?["info"]?.objectValue?["spend"]?.doubleValue ?? -1) - costs) < 1e-12)
            let teamInfo = try await info(fixture, "/team/info?team_id=t1")
            #expect(abs((teamInfo.objectValue?["team_info"]?.objectValue?["spend"]?.doubleValue ?? -1) - costs) < 1e-12)
            let userInfo = try await info(fixture, "/user/info?user_id=u1")
            #expect(abs((userInfo.objectValue?["user_info"]?.objectValue?["spend"]?.doubleValue ?? -1) - costs) < 1e-12)
            let customerInfo = try await info(fixture, "/customer/info?end_user_id=c1")
            #expect(abs((customerInfo.objectValue?["spend"]?.doubleValue ?? -1) - costs) < 1e-12)
        }
    }
}
