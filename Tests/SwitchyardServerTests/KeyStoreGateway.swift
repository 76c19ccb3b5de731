import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys
import SwitchyardServer

/// A gateway whose key store is a new SQLite file in a temporary folder, removed afterwards; shared by
/// the admin and metering fixtures.
enum KeyStoreGateway {
    /// Runs `body` with a test client of a gateway over `transport`, its migrated store and access control.
    static func run(
        transport: ScriptedTransport,
        deployments: [Deployment] = [TestGateway.deployment("d1")],
        configure: (inout Gateway.Configuration) -> Void = { _ in },
        _ body: @Sendable (any TestClientProtocol, SQLKeyStore, AccessControl) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let logger = Logger(label: "key-store-test")
        let store = try await SQLKeyStore.open(url: directory.appendingPathComponent("keys.db").path, logger: logger)
        do {
            try await store.migrate()
            let access = AccessControl(store: store, logger: logger)
            let gateway = TestGateway.gateway(transport, deployments: deployments) { configuration in
                configuration.access = access
                configure(&configuration)
            }
            try await TestGateway.app(gateway).test(.router) { client in try await body(client, store, access) }
        } catch {
            await store.shutdown()
            throw error
        }
        await store.shutdown()
    }
}
