import SwitchyardConfig
import Testing

/// Settings Switchyard accepts but does not act on are listed, each with its path, and never fail the load.
struct NoticeTests {
    @Test func listsEverySettingThatIsNotSupportedYet() throws {
        let yaml = """
            model_list:
              - model_name: a
                litellm_params:
                  model: openai/a
                  temperature: 0.2
                model_info:
                  anything: goes
                tags: [x]
            router_settings:
              routing_strategy: latency-based-routing
              enable_tag_filtering: true
            litellm_settings:
              cache: true
              telemetry: false
            general_settings:
              alerting_threshold: 300
            guardrails: []
            my_own_section: {a: 1}
            """
        #expect(
            try ConfigFixtures.notices(yaml) == [
                "model_list[0].litellm_params.temperature: not supported yet",
                "model_list[0].tags: not supported yet",
                "router_settings.enable_tag_filtering: not supported yet",
                "litellm_settings.cache: not supported yet",
                "general_settings.alerting_threshold: not supported yet",
                "guardrails: not supported yet",
                "my_own_section: unknown section, ignored",
            ])
    }

    @Test func notesAConfigWithoutDeployments() throws {
        #expect(
            try ConfigFixtures.notices("litellm_settings: {drop_params: true}") == ["model_list: no deployments, so the gateway serves no models"])
        #expect(try ConfigFixtures.notices("model_list: []") == ["model_list: no deployments, so the gateway serves no models"])
    }

    @Test func describesANoticeAsPathThenMessage() {
        let notice = ConfigIssue(path: "general_settings.alerting_threshold", message: "not supported yet")

        #expect(notice.description == "general_settings.alerting_threshold: not supported yet")
        #expect(notice.locatedDescription == notice.description)
        let located = ConfigIssue(path: "a", message: "b", location: ConfigLocation(file: "config.yaml", line: 3, column: 5))
        #expect(located.locatedDescription == "config.yaml:3:5: a: b")
    }

    @Test func carriesNoticesOnAFailedLoadToo() throws {
        let yaml = """
            router_settings:
              num_retries: many
              enable_tag_filtering: true
            """
        let error = #expect(throws: ConfigError.self) {
            try ConfigLoader.load(yaml: yaml, baseDirectory: "/tmp", environment: [:])
        }

        #expect(error?.notices.map(\.description).contains("router_settings.enable_tag_filtering: not supported yet") == true)
    }
}
