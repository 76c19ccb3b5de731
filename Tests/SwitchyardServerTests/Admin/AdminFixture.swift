import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys
import SwitchyardServer

/// A gateway with a key store on a temporary SQLite file, and a client for its management API.
struct AdminFixture: Sendable {
    /// One answer: the status and the body as JSON.
    struct Answer: Sendable {
        let status: Int
        let json: JSONValue

        /// The body as an object (empty when it is not one).
        var object: JSONObject { json.objectValue ?? JSONObject() }
        /// A top-level field.
        subscript(_ name: String) -> JSONValue? { object[name] }
        /// `error.<field>` of an OpenAI error body.
        func error(_ field: String) -> JSONValue? { object["error"]?.objectValue?[field] }
    }

    let client: any TestClientProtocol
    let store: SQLKeyStore
    let access: AccessControl

    /// Runs `body` against a fresh gateway whose store is a new SQLite file, removed afterwards.
    static func run(deployments: [Deployment] = [TestGateway.deployment("d1")], _ body: @Sendable (AdminFixture) async throws -> Void) async throws {
        let transport = ScriptedTransport { _ in ScriptedTransport.json(200, ScriptedTransport.chatAnswer) }
        try await KeyStoreGateway.run(transport: transport, deployments: deployments) { client, store, access in
            try await body(AdminFixture(client: client, store: store, access: access))
        }
    }

    /// `POST path` with a JSON body, as the master key unless `key` names another.
    @discardableResult
    func post(_ path: String, _ body: String = "{}", key: String = TestGateway.key) async throws -> Answer {
        try await call(.post, path, body: body, key: key)
    }

    /// `GET path`, as the master key unless `key` names another.
    @discardableResult
    func get(_ path: String, key: String = TestGateway.key) async throws -> Answer {
        try await call(.get, path, body: nil, key: key)
    }

    /// One request.
    func call(_ method: HTTPRequest.Method, _ path: String, body: String?, key: String) async throws -> Answer {
        let headers: HTTPFields = [.authorization: "Bearer \(key)", .contentType: "application/json"]
        return try await client.execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            Answer(status: Int(response.status.code), json: (try? JSONValue(parsing: response.body)) ?? .null)
        }
    }

    /// Makes a key with `body` and returns `(plaintext, hash)`.
    func generateKey(_ body: String = "{}") async throws -> (key: String, hash: String) {
        let answer = try await post("/key/generate", body)
        return (answer["key"]?.stringValue ?? "", answer["token"]?.stringValue ?? "")
    }
}
