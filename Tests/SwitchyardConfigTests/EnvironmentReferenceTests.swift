import SwitchyardConfig
import SwitchyardCore
import Testing

/// `os.environ/NAME` values are replaced by the environment's value wherever a setting is read.
struct EnvironmentReferenceTests {
    private let yaml = """
        model_list:
          - model_name: gpt-4o
            litellm_params:
              model: os.environ/MODEL
              api_key: os.environ/OPENAI_KEY
              api_base: os.environ/OPENAI_BASE
              api_version: os.environ/API_VERSION
              headers:
                X-Team: os.environ/TEAM
            model_info:
              id: os.environ/DEPLOYMENT_ID
              owner: os.environ/OWNER
              tags: [os.environ/TAG]
        general_settings:
          master_key: os.environ/MASTER
        """

    private let environment = [
        "MODEL": "openai/gpt-4o", "OPENAI_KEY": "sk-upstream", "OPENAI_BASE": "https://api.example.com/v1",
        "API_VERSION": "2024-06-01", "TEAM": "search", "DEPLOYMENT_ID": "dep-1", "OWNER": "platform", "TAG": "prod",
        "MASTER": "sk-master",
    ]

    @Test func resolvesEveryFieldThatNamesAnEnvironmentVariable() throws {
        let config = try ConfigFixtures.load(yaml, environment: environment)
        let deployment = try #require(config.deployments.first)

        #expect(deployment.qualifiedModel == "openai/gpt-4o")
        #expect(deployment.apiKey?.reveal() == "sk-upstream")
        #expect(deployment.apiBase == "https://api.example.com/v1")
        #expect(deployment.apiVersion == "2024-06-01")
        #expect(deployment.headers.map(\.value) == ["search"])
        #expect(deployment.id == "dep-1")
        #expect(deployment.modelInfo.extra["owner"] == "platform")
        #expect(deployment.modelInfo.extra["tags"] == ["prod"])
        #expect(config.general.masterKey?.reveal() == "sk-master")
    }

    @Test func reportsEveryMissingVariableWithItsPath() throws {
        let issues = try ConfigFixtures.issues(yaml, environment: ["MODEL": "openai/gpt-4o"])

        #expect(
            issues == [
                "model_list[0].litellm_params.api_key: environment variable OPENAI_KEY is not set",
                "model_list[0].litellm_params.api_base: environment variable OPENAI_BASE is not set",
                "model_list[0].litellm_params.api_version: environment variable API_VERSION is not set",
                "model_list[0].litellm_params.headers.X-Team: environment variable TEAM is not set",
                "model_list[0].model_info.id: environment variable DEPLOYMENT_ID is not set",
                "model_list[0].model_info.owner: environment variable OWNER is not set",
                "model_list[0].model_info.tags[0]: environment variable TAG is not set",
                "general_settings.master_key: environment variable MASTER is not set",
            ])
    }

    @Test func treatsAnEmptyVariableAsSetButAnEmptyMasterKeyAsAnError() throws {
        let yaml = """
            model_list:
              - model_name: m
                litellm_params: {model: openai/m, api_key: os.environ/KEY}
            general_settings:
              master_key: os.environ/MASTER
            """
        let issues = try ConfigFixtures.issues(yaml, environment: ["KEY": "", "MASTER": ""])

        // An empty master key would turn authentication off without anyone noticing.
        #expect(issues == ["general_settings.master_key: environment variable MASTER is empty"])
    }

    @Test func rejectsAReferenceThatNamesNoVariable() throws {
        let yaml = """
            model_list:
              - model_name: m
                litellm_params: {model: openai/m, api_key: os.environ/}
            """
        #expect(try ConfigFixtures.issues(yaml) == ["model_list[0].litellm_params.api_key: os.environ/ names no environment variable"])
    }

    @Test func leavesReferencesInIgnoredSettingsUnresolved() throws {
        let yaml = """
            model_list:
              - model_name: m
                litellm_params: {model: openai/m}
            general_settings:
              alerting_threshold: os.environ/ALERTING_THRESHOLD
            """
        let notices = try ConfigFixtures.notices(yaml)

        #expect(notices == ["general_settings.alerting_threshold: not supported yet"])
    }

    @Test func neverQuotesAnEnvironmentValueInAMessage() throws {
        let yaml = """
            model_list:
              - model_name: m
                litellm_params: {model: openai/m, rpm: os.environ/RPM, api_base: os.environ/BASE}
            """
        let issues = try ConfigFixtures.issues(yaml, environment: ["RPM": "sk-secret-by-mistake", "BASE": "sk-another-secret"])

        #expect(
            issues == [
                "model_list[0].litellm_params.rpm: expected an integer, got the value of environment variable RPM",
                "model_list[0].litellm_params.api_base: not a URL (it must start with http:// or https://)",
            ])
        #expect(!issues.joined().contains("sk-"))
    }
}
