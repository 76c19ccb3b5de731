import Foundation
import Logging
import SwitchyardConfig
import SwitchyardCore
import SwitchyardKeys
import SwitchyardState

extension Gateway {
    /// The default store when neither `general_settings.database_url` nor `DATABASE_URL` names one.
    public static let defaultDatabaseURL = "sqlite://switchyard.db"

    /// Opens the key store the config names (SQLite `./switchyard.db` by default), migrates its schema,
    /// writes the proxy budget, and returns access control over it. `nil` without a master key: virtual
    /// keys need an admin to issue them, as in LiteLLM.
    public static func openAccessControl(
        config: GatewayConfig,
        deployments: [Deployment],
        counters: any CounterStore = MemoryCounterStore(),
        logger: Logger
    ) async throws -> AccessControl? {
        guard config.general.masterKey != nil else { return nil }
        let url = config.general.databaseURL?.reveal() ?? defaultDatabaseURL
        if let duration = config.litellm.budgetDuration, DurationSpec(duration) == nil {
            throw ConfigurationFailure("litellm_settings.budget_duration: expected a duration like 30s, 15m, 2h, 7d, 1w or 1mo, got \(duration)")
        }
        let store = try await SQLKeyStore.open(url: url, logger: logger, threadPool: BackgroundThreads.sqlite)
        do {
            try await store.migrate()
        } catch {
            await store.shutdown()
            throw error
        }
        var settings = AccessControl.Settings()
        settings.allowRequestsOnDBUnavailable = config.general.allowRequestsOnDBUnavailable
        settings.budgetExceededStatus = config.general.budgetExceededStatusCode
        settings.maxEndUserBudget = config.litellm.maxEndUserBudget
        settings.accessGroups = accessGroups(of: deployments)
        let writer = SpendWriter(
            store: store,
            logger: logger,
            executor: store.dialect == "sqlite" ? BackgroundThreads.sqliteExecutor : nil,
            pacing: store.dialect == "sqlite" ? BackgroundThreads.pace(backlog:) : nil,
            keepsRows: !config.general.disableSpendLogs
        )
        let access = AccessControl(store: store, counters: counters, settings: settings, spendWriter: writer, logger: logger)
        let nextReset = config.litellm.budgetDuration.flatMap(DurationSpec.init)?.nextReset(after: Date())
        try await access.configureProxyBudget(
            maxBudget: config.litellm.maxBudget,
            budgetDuration: config.litellm.budgetDuration,
            nextReset: nextReset
        )
        logger.info("key store ready", metadata: ["database": "\(store.dialect)"])
        return access
    }

    /// `model_info.access_groups` of every deployment: access group → the model groups in it.
    public static func accessGroups(of deployments: [Deployment]) -> [String: Set<String>] {
        var groups: [String: Set<String>] = [:]
        for deployment in deployments {
            for group in deployment.modelInfo.extra["access_groups"]?.arrayValue ?? [] {
                if let name = group.stringValue { groups[name, default: []].insert(deployment.modelName) }
            }
        }
        return groups
    }
}

/// A configuration the gateway cannot start with, described for the operator.
public struct ConfigurationFailure: Error, CustomStringConvertible {
    /// What is wrong, and where.
    public let description: String

    package init(_ description: String) {
        self.description = description
    }
}
