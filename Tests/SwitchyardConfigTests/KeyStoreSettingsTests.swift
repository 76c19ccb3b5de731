import SwitchyardConfig
import Testing

/// The settings of virtual keys, budgets and spend: where the store is, what budgets apply, how errors look.
struct KeyStoreSettingsTests {
    @Test func defaultsLeaveTheStoreToTheGatewayAndMatchLiteLLM() throws {
        let config = try ConfigFixtures.load("model_list: []")

        #expect(config.general.databaseURL == nil)
        #expect(config.general.allowRequestsOnDBUnavailable == false)
        #expect(config.general.budgetExceededStatusCode == 400)
        #expect(config.general.spendBatchWriteInterval == 1)
        #expect(config.litellm.maxBudget == nil && config.litellm.budgetDuration == nil && config.litellm.maxEndUserBudget == nil)
    }

    @Test func readsTheStoreAndOutageSettings() throws {
        let yaml = """
            general_settings:
              database_url: os.environ/PG_URL
              allow_requests_on_db_unavailable: true
              budget_exceeded_status_code: 402
              proxy_batch_write_at: 5
              disable_spend_logs: true
            """
        let config = try ConfigFixtures.load(yaml, environment: ["PG_URL": "postgresql://u:p@db/sy"])

        #expect(config.general.databaseURL?.reveal() == "postgresql://u:p@db/sy")
        #expect(config.general.allowRequestsOnDBUnavailable)
        #expect(config.general.budgetExceededStatusCode == 402)
        #expect(config.general.spendBatchWriteInterval == 5)
        #expect(config.general.disableSpendLogs)
        #expect(!config.notices.contains { $0.path.hasPrefix("general_settings") })
    }

    @Test func takesTheDatabaseURLFromTheEnvironmentWhenTheConfigNamesNone() throws {
        let config = try ConfigFixtures.load("model_list: []", environment: ["DATABASE_URL": "sqlite:///var/lib/sy.db"])

        #expect(config.general.databaseURL?.reveal() == "sqlite:///var/lib/sy.db")
    }

    @Test func refusesABudgetStatusThatIsNotAnErrorStatus() throws {
        let issues = try ConfigFixtures.issues("general_settings: {budget_exceeded_status_code: 200}")

        #expect(issues.count == 1)
        #expect(issues.first?.hasPrefix("general_settings.budget_exceeded_status_code") == true)
    }

    @Test func readsTheProxyAndCustomerBudgets() throws {
        let config = try ConfigFixtures.load("litellm_settings: {max_budget: 100, budget_duration: 30d, max_end_user_budget: 2.5}")

        #expect(config.litellm.maxBudget == 100)
        #expect(config.litellm.budgetDuration == "30d")
        #expect(config.litellm.maxEndUserBudget == 2.5)
        #expect(!config.notices.contains { $0.path.hasPrefix("litellm_settings") })
    }
}
