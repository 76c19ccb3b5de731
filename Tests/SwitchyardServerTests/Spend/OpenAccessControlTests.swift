import Foundation
import Logging
import SwitchyardConfig
import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys
import SwitchyardServer
import Testing

/// `Gateway.openAccessControl`: the key store a config asks for, opened and prepared at start.
struct OpenAccessControlTests {
    static func config(_ yaml: String, in directory: URL, environment: [String: String] = [:]) throws -> GatewayConfig {
        let path = directory.appendingPathComponent("config.yaml")
        try yaml.write(to: path, atomically: true, encoding: .utf8)
        return try ConfigLoader.load(path: path.path, environment: environment)
    }

    static func withDirectory(_ body: (URL) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-open-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(directory)
    }

    @Test func withoutAMasterKeyThereIsNoStore() async throws {
        try await Self.withDirectory { directory in
            let config = try Self.config("model_list: []", in: directory)
            let access = try await Gateway.openAccessControl(config: config, deployments: [], logger: Logger(label: "test"))
            #expect(access == nil)
        }
    }

    @Test func opensTheConfiguredSQLiteFileAndWritesTheProxyBudget() async throws {
        try await Self.withDirectory { directory in
            let database = directory.appendingPathComponent("keys.db").path
            let yaml = """
                general_settings: {master_key: sk-master, database_url: "sqlite://\(database)"}
                litellm_settings: {max_budget: 50, budget_duration: 1d}
                """
            let config = try Self.config(yaml, in: directory)
            let access = try #require(try await Gateway.openAccessControl(config: config, deployments: [], logger: Logger(label: "test")))
            let budget = try await access.store.user(id: AccessControl.proxyBudgetUserID)
            #expect(budget?.limits.maxBudget == 50)
            #expect(budget?.limits.budgetResetAt != nil)
            await access.store.shutdown()
            #expect(FileManager.default.fileExists(atPath: database))
        }
    }

    @Test func refusesAnUnreadableProxyBudgetDuration() async throws {
        try await Self.withDirectory { directory in
            let yaml = """
                general_settings: {master_key: sk-master, database_url: "sqlite://\(directory.path)/k.db"}
                litellm_settings: {max_budget: 50, budget_duration: soon}
                """
            let config = try Self.config(yaml, in: directory)
            await #expect(throws: ConfigurationFailure.self) {
                _ = try await Gateway.openAccessControl(config: config, deployments: [], logger: Logger(label: "test"))
            }
        }
    }

    @Test func collectsTheAccessGroupsOfTheDeployments() {
        var first = Deployment(id: "a", modelName: "gpt-4o", provider: "openai", upstreamModel: "gpt-4o")
        first.modelInfo.extra["access_groups"] = ["beta", "paid"]
        var second = Deployment(id: "b", modelName: "claude", provider: "anthropic", upstreamModel: "claude-sonnet-4-5")
        second.modelInfo.extra["access_groups"] = ["paid"]
        let groups = Gateway.accessGroups(of: [first, second])
        #expect(groups == ["beta": ["gpt-4o"], "paid": ["gpt-4o", "claude"]])
    }
}
