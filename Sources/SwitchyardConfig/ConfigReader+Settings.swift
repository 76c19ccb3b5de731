import Foundation
import SwitchyardCore

extension ConfigReader {
    /// `litellm_settings`, and the router keys LiteLLM's `Router` also reads from there (see
    /// ``RouterSection/litellmSettingsKeys``), to be merged under `router_settings`.
    mutating func readLiteLLMSettings(_ node: ConfigNode) -> (LiteLLMSettings, RouterSection) {
        let section: ConfigPath = "litellm_settings"
        var settings = LiteLLMSettings()
        var router = RouterSection()
        let mergedKeys = Set(RouterSection.litellmSettingsKeys.map(\.litellm))
        for member in mapping(node, at: section) ?? [] {
            let path = section.key(member.key)
            switch member.key {
            case "drop_params":
                settings.dropParams = bool(member.value, at: path) ?? false
            case "num_retries":
                settings.numRetries = int(member.value, at: path, minimum: 0)
                router.settings.numRetries = settings.numRetries
                router.nodes["num_retries"] = member.value
            case "request_timeout":
                settings.requestTimeout = double(member.value, at: path, positive: true)
                router.settings.timeout = settings.requestTimeout
                router.nodes["timeout"] = member.value
            case "max_budget":
                settings.maxBudget = double(member.value, at: path, positive: true)
            case "budget_duration":
                settings.budgetDuration = nonEmptyString(member.value, at: path)
            case "max_end_user_budget":
                settings.maxEndUserBudget = double(member.value, at: path, positive: true)
            case "ssl_verify":
                settings.sslVerify = tlsVerification(member.value, at: path)
            case "telemetry":
                // Accepted without a notice: Switchyard never phones home, so turning telemetry off is already true.
                break
            case _ where mergedKeys.contains(member.key):
                _ = readRouterKey(member, at: path, into: &router)
            case _ where RouterSection.routerKeys.contains(member.key):
                // LiteLLM sets it as a module global that its Router never reads: it has no effect there either.
                notice(path, "LiteLLM reads this only from router_settings, so it has no effect here; move it there", member.value)
            default:
                unsupported(path, member.value)
            }
        }
        return (settings, router)
    }

    /// `ssl_verify`: a boolean, or the path of a PEM CA bundle (checked to exist when the config loads).
    mutating func tlsVerification(_ node: ConfigNode, at path: ConfigPath) -> TLSVerification? {
        if case .string(let text) = node.value, !["true", "false", "yes", "no", "on", "off"].contains(text.lowercased()),
            !text.hasPrefix("os.environ/")
        {
            guard FileManager.default.isReadableFile(atPath: text) else {
                fail(path, "expected true, false or a readable CA bundle file, got \"\(text)\"", node)
                return nil
            }
            return .caFile(text)
        }
        return bool(node, at: path).map { $0 ? .system : .off }
    }

    /// `general_settings`. Without `master_key`, `LITELLM_MASTER_KEY` from the environment is used, as LiteLLM
    /// does, so a deployment that relied on it keeps its authentication.
    mutating func readGeneralSettings(_ node: ConfigNode?) -> GeneralSettings {
        let section: ConfigPath = "general_settings"
        var settings = GeneralSettings()
        var masterKeySet = false
        for member in node.flatMap({ mapping($0, at: section) }) ?? [] {
            let path = section.key(member.key)
            switch member.key {
            case "master_key":
                masterKeySet = true
                settings.masterKey = nonEmptyString(member.value, at: path, secret: true).map(Secret.init)
            case "max_request_size_mb":
                if let size = double(member.value, at: path, positive: true) { settings.maxRequestSizeMB = size }
            case "background_health_checks":
                settings.backgroundHealthChecks = bool(member.value, at: path) ?? false
            case "health_check_interval":
                if let seconds = double(member.value, at: path, positive: true) { settings.healthCheckInterval = seconds }
            case "database_url":
                settings.databaseURL = nonEmptyString(member.value, at: path, secret: true).map(Secret.init)
            case "allow_requests_on_db_unavailable":
                settings.allowRequestsOnDBUnavailable = bool(member.value, at: path) ?? false
            case "budget_exceeded_status_code":
                if let status = int(member.value, at: path, minimum: 400) {
                    if status <= 599 {
                        settings.budgetExceededStatusCode = status
                    } else {
                        fail(path, "expected an HTTP error status from 400 to 599, got \(status)", member.value)
                    }
                }
            case "disable_spend_logs":
                settings.disableSpendLogs = bool(member.value, at: path) ?? false
            case "proxy_batch_write_at":
                if let seconds = double(member.value, at: path, positive: true) { settings.spendBatchWriteInterval = seconds }
            default:
                unsupported(path, member.value)
            }
        }
        if settings.databaseURL == nil, let url = environment["DATABASE_URL"], !url.isEmpty {
            settings.databaseURL = Secret(url)
        }
        if !masterKeySet, let key = environment["LITELLM_MASTER_KEY"], !key.isEmpty {
            settings.masterKey = Secret(key)
        }
        return settings
    }

    /// `environment_variables`: a mapping of names to values. A value may itself be `os.environ/NAME`, resolved
    /// against the process environment.
    mutating func readEnvironmentVariables(_ node: ConfigNode) -> [String: String] {
        let section: ConfigPath = "environment_variables"
        var variables: [String: String] = [:]
        for member in mapping(node, at: section) ?? [] {
            let path = section.key(member.key)
            switch member.value.value {
            case .null, .list, .map:
                fail(path, "expected a string, got \(describe(member.value, secret: true))", member.value)
            default:
                if let value = string(member.value, at: path, secret: true) { variables[member.key] = value }
            }
        }
        return variables
    }
}
