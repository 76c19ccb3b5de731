import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SwitchyardCore
import SwitchyardKeys
import Testing

/// A store whose every call throws `error`.
struct FailingKeyStore: KeyStore {
    struct Broken: Error {}

    let error: any Error

    func migrate() async throws { throw error }
    func insertKey(_ record: KeyRecord) async throws { throw error }
    func key(hash: String) async throws -> KeyRecord? { throw error }
    func key(alias: String) async throws -> KeyRecord? { throw error }
    func keys(_ filter: KeyFilter) async throws -> Page<KeyRecord> { throw error }
    func updateKey(_ record: KeyRecord) async throws { throw error }
    func replaceKey(oldHash: String, with record: KeyRecord) async throws { throw error }
    func deleteKeys(hashes: [String]) async throws -> [String] { throw error }
    func insertTeam(_ record: TeamRecord) async throws { throw error }
    func team(id: String) async throws -> TeamRecord? { throw error }
    func teams(page: Int, size: Int) async throws -> Page<TeamRecord> { throw error }
    func updateTeam(_ record: TeamRecord) async throws { throw error }
    func deleteTeams(ids: [String]) async throws -> [String] { throw error }
    func insertUser(_ record: UserRecord) async throws { throw error }
    func user(id: String) async throws -> UserRecord? { throw error }
    func users(role: String?, page: Int, size: Int) async throws -> Page<UserRecord> { throw error }
    func updateUser(_ record: UserRecord) async throws { throw error }
    func deleteUsers(ids: [String]) async throws -> [String] { throw error }
    func insertCustomer(_ record: CustomerRecord) async throws { throw error }
    func customer(id: String) async throws -> CustomerRecord? { throw error }
    func customers(page: Int, size: Int) async throws -> Page<CustomerRecord> { throw error }
    func updateCustomer(_ record: CustomerRecord) async throws { throw error }
    func deleteCustomers(ids: [String]) async throws -> [String] { throw error }
    func record(_ entries: [SpendLogEntry]) async throws { throw error }
    func spendLogs(_ filter: SpendLogFilter) async throws -> [SpendLogRecord] { throw error }
    func dailySpend(from: Date?, to: Date?) async throws -> [DailySpend] { throw error }
    func totalSpend(since: Date?) async throws -> Double { throw error }
    func resetBudgets(now: Date, nextReset: @Sendable (String, Date) -> Date?) async throws -> Int { throw error }
    func shutdown() async {}
}

struct AdminStoreFailureTests {
    func answer(_ store: FailingKeyStore, _ method: HTTPRequest.Method, _ path: String, _ body: String? = nil) async throws -> (Int, JSONValue?) {
        let transport = ScriptedTransport { _ in ScriptedTransport.json(200, ScriptedTransport.chatAnswer) }
        let access = AccessControl(store: store, logger: Logger(label: "test"))
        let gateway = TestGateway.gateway(transport) { $0.access = access }
        return try await TestGateway.app(gateway).test(.router) { client in
            try await client.execute(uri: path, method: method, headers: TestGateway.headers, body: body.map { ByteBuffer(string: $0) }) { response in
                (Int(response.status.code), response.json)
            }
        }
    }

    @Test func answersAnOpenAIShaped500WhenTheStoreFails() async throws {
        let store = FailingKeyStore(error: FailingKeyStore.Broken())
        for (method, path) in [(HTTPRequest.Method.post, "/key/generate"), (.post, "/team/new"), (.get, "/user/list"), (.get, "/spend/logs")] {
            let (status, body) = try await answer(store, method, path, method == .post ? "{}" : nil)
            let error = body?.objectValue?["error"]?.objectValue
            #expect(status == 500, "\(path)")
            #expect(error?["type"] == "api_error", "\(path)")
            #expect(error?["code"] == "db_error", "\(path)")
        }
    }

    @Test func turnsTheStoresDuplicateAndNotFoundInto400And404() async throws {
        let duplicate = try await answer(FailingKeyStore(error: KeyStoreError.duplicate("Key")), .post, "/key/generate", "{}")
        #expect(duplicate.0 == 400)
        let missing = try await answer(FailingKeyStore(error: KeyStoreError.notFound("Key")), .post, "/key/update", #"{"key": "sk-x"}"#)
        #expect(missing.0 == 404)
        #expect(missing.1?.objectValue?["error"]?.objectValue?["type"] == "not_found_error")
    }
}
