import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys
import SwitchyardProviders
import SwitchyardServer

/// A gateway with a key store on a temporary SQLite file and a scripted upstream, for tests of what
/// LLM requests cost and what they may do.
struct MeteringFixture: Sendable {
    let client: any TestClientProtocol
    let store: SQLKeyStore
    let access: AccessControl
    let transport: ScriptedTransport

    static func run(
        reply: @escaping @Sendable (UpstreamRequest) throws -> UpstreamResponse = { _ in ScriptedTransport.json(200, ScriptedTransport.chatAnswer) },
        _ body: @Sendable (MeteringFixture) async throws -> Void
    ) async throws {
        let transport = ScriptedTransport(reply: reply)
        try await KeyStoreGateway.run(transport: transport) { client, store, access in
            try await body(MeteringFixture(client: client, store: store, access: access, transport: transport))
        }
    }

    /// A new virtual key with `limits`; returns the plaintext key and its hash.
    func key(_ configure: (inout KeyRecord) -> Void = { _ in }) async throws -> (key: String, hash: String) {
        let key = VirtualKey.generate()
        var record = KeyRecord(tokenHash: VirtualKey.hash(key), keyName: VirtualKey.displayName(key), createdAt: Date())
        configure(&record)
        try await store.insertKey(record)
        return (key, record.tokenHash)
    }

    /// A chat request with `key`; returns status, headers and body.
    func chat(_ key: String, model: String = "gpt", stream: Bool = false, extra: String = "") async throws -> (
        status: Int, headers: HTTPFields, body: String
    ) {
        let headers: HTTPFields = [.authorization: "Bearer \(key)", .contentType: "application/json"]
        return try await client.execute(
            uri: "/v1/chat/completions", method: .post, headers: headers, body: TestGateway.chat(model: model, stream: stream, extra: extra)
        ) {
            (Int($0.status.code), $0.headers, String(buffer: $0.body))
        }
    }

    /// The spend log rows of a key, after writing what is queued.
    func rows(of hash: String) async throws -> [SpendLogRecord] {
        await access.spendWriter.flush()
        var filter = SpendLogFilter()
        filter.keyHash = hash
        return try await store.spendLogs(filter)
    }
}

extension HTTPFields {
    /// The value of a header by its name.
    subscript(named name: String) -> String? {
        HTTPField.Name(name).flatMap { self[$0] }
    }
}
