import SwitchyardConfig
import SwitchyardCore
import Testing

/// The configs users actually write (from the seed documents) load, with what Switchyard ignores listed.
struct SeedConfigTests {
    @Test func loadsTheHomelabConfigWithEveryDeploymentAndTheIgnoredSectionsListed() throws {
        let environment = [
            "GROQ_API_KEY": "gsk-test", "TOGETHER_API_KEY": "tg-test", "REPLICATE_API_TOKEN": "r8-test",
            "HUGGINGFACE_API_KEY": "hf-test", "LITELLM_MASTER_KEY": "sk-master",
            "DATABASE_URL": "postgresql://litellm:secret@db:5432/litellm",
        ]
        let config = try ConfigFixtures.load(file: "seed000-homelab.yaml", environment: environment)

        #expect(
            config.deployments.map(\.modelName) == [
                "llama-3.1-70b", "mixtral-8x7b", "llama-3.1-8b-together", "qwen-72b-together", "llama-3.1-405b-replicate", "zephyr-7b-hf",
            ])
        #expect(config.deployments.map(\.provider) == ["groq", "groq", "together_ai", "together_ai", "replicate", "huggingface"])
        #expect(config.deployments[2].upstreamModel == "meta-llama/Llama-3.1-8B-Instruct-Turbo")
        #expect(config.deployments[0].apiKey?.reveal() == "gsk-test")
        #expect(config.deployments[0].modelInfo.mode == "chat")
        #expect(config.deployments[0].modelInfo.extra["supports_function_calling"] == true)
        #expect(config.deployments[4].modelInfo.extra["cost_per_token"] == 0.0015)
        #expect(config.router.routingStrategy == "least-busy")
        #expect(config.router.numRetries == 3)
        #expect(config.router.timeout == 30)
        #expect(config.general.masterKey?.reveal() == "sk-master")

        let notices = config.notices.map(\.description)
        #expect(notices.contains("model_list[0].litellm_params.max_tokens: not supported yet"))
        #expect(notices.contains("model_list[0].litellm_params.temperature: not supported yet"))
        #expect(!notices.contains { $0.hasPrefix("router_settings.routing_strategy") })
        #expect(
            config.router.fallbacks == [
                "llama-3.1-70b": ["mixtral-8x7b", "llama-3.1-8b-together"], "qwen-72b-together": ["llama-3.1-70b", "mixtral-8x7b"],
            ])
        #expect(!notices.contains { $0.hasPrefix("router_settings.fallbacks") })
        #expect(notices.contains("router_settings.retry_delay: not supported yet"))
        #expect(notices.contains("litellm_settings.success_callback: not supported yet"))
        #expect(config.general.databaseURL?.reveal() == "postgresql://litellm:secret@db:5432/litellm")
        #expect(!notices.contains { $0.hasPrefix("general_settings.database_url") })
        for section in ["cache", "global_rate_limit", "health_check", "alerting", "metrics", "provider_settings", "deployment", "backup"] {
            #expect(notices.contains("\(section): unknown section, ignored"))
        }
    }

    @Test func loadsTheProductionExampleWithItsMisplacedGeneralSettingsAsNotices() throws {
        let environment = ["GOOGLE_API_KEY": "g", "OPENAI_API_KEY_1": "o1", "OPENAI_API_KEY_2": "o2"]
        let config = try ConfigFixtures.load(file: "seed001-production.yaml", environment: environment)

        #expect(config.deployments.count == 4)
        #expect(config.deployments[0].rpm == 1000)
        #expect(config.deployments[0].tpm == 4_000_000)
        #expect(config.deployments[1].apiKey?.reveal() == "o1")
        #expect(config.deployments[2].apiKey?.reveal() == "o2")
        #expect(config.deployments[3].provider == "ollama")
        #expect(config.deployments[3].apiBase == "http://localhost:11434")
        #expect(config.deployments[3].apiKey == nil)
        let notices = config.notices.map(\.description)
        #expect(notices.contains("general_settings.request_timeout: not supported yet"))
        #expect(notices.contains("general_settings.cache_params: not supported yet"))
        #expect(config.router.modelGroupAlias.isEmpty)
        #expect(
            notices.contains(
                "router_settings.model_group_alias.primary: a list is not an alias (LiteLLM takes a model group name or {model, hidden}), "
                    + "so this alias is ignored; to try several groups in turn, use fallbacks"))
    }

    @Test func loadsThreeDeploymentsOfOneModelGroupForLoadBalancing() throws {
        let environment = [
            "OPENAI_API_KEY_1": "o1", "OPENAI_API_KEY_2": "o2", "AZURE_OPENAI_KEY": "az",
            "AZURE_OPENAI_ENDPOINT": "https://example-sweden.openai.azure.com/",
        ]
        let config = try ConfigFixtures.load(file: "seed001-load-balancing.yaml", environment: environment)

        #expect(Set(config.deployments.map(\.modelName)) == ["gpt-4o"])
        #expect(config.deployments.map(\.rpm) == [500, 300, nil])
        #expect(config.deployments[2].qualifiedModel == "azure/gpt-4o")
        #expect(config.deployments[2].apiBase == "https://example-sweden.openai.azure.com/")
        #expect(config.deployments[2].apiVersion == "2024-02-15-preview")
        #expect(Set(config.deployments.map(\.id)).count == 3)
        #expect(config.router.numRetries == 3)
        #expect(config.notices.map(\.description).contains("router_settings.fallback_models: not supported yet"))
    }

    @Test func loadsCustomHeadersAndAnOpenAICompatibleLocalServer() throws {
        let config = try ConfigFixtures.load(file: "seed001-custom-provider.yaml", environment: ["CUSTOM_API_KEY": "ck"])

        #expect(config.deployments[0].headers.map(\.name) == ["X-Custom-Header"])
        #expect(config.deployments[0].headers.map(\.value) == ["value"])
        #expect(config.deployments[1].apiBase == "http://localhost:8000/v1")
        #expect(config.deployments[1].upstreamModel == "llama-2-7b")
        #expect(config.notices.isEmpty)
    }

    @Test func loadsTheRouterDocsConfigWithEmptyKeysAndABareOpenAIName() throws {
        let config = try ConfigFixtures.load(file: "seed004-openai-azure.yaml")

        #expect(config.deployments.map(\.qualifiedModel) == ["openai/gpt-3.5-turbo", "azure/chatgpt-v-2"])
        #expect(config.deployments.allSatisfy { $0.apiKey == nil })
        #expect(config.deployments[1].apiVersion == "2023-07-01-preview")
        #expect(
            config.notices.map(\.description) == [
                "model_list[0].litellm_params.model: no provider prefix; using openai/gpt-3.5-turbo, as LiteLLM does for OpenAI model names"
            ])
    }
}
