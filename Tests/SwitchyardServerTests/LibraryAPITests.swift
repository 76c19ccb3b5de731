import NIOCore
import SwitchyardCore
import SwitchyardEngine
import SwitchyardProviders
import SwitchyardServer
import SwitchyardSimulator
import Testing

struct LibraryAPITests {
    func gateway(_ deployments: [Deployment], fallbacks: [String: [String]] = [:]) -> Gateway {
        var configuration = Gateway.Configuration(defaultTransport: SimulatorTransport())
        configuration.deployments = deployments
        configuration.router.fallbacks.general = fallbacks
        configuration.adapters["openai"] = OpenAIAdapter(spec: ProviderCatalog.standard.spec(for: "simulator")!)
        return Gateway(configuration: configuration, logger: .init(label: "test"))
    }

    func simulated(_ id: String, group: String, model: String = "gpt-4o") -> Deployment {
        var deployment = Deployment(id: id, modelName: group, provider: "openai", upstreamModel: model)
        deployment.apiBase = ProviderCatalog.simulatorBase
        deployment.apiKey = Secret("sk-sim")
        return deployment
    }

    @Test func chatsInProcessWithThePublicModelName() async throws {
        let router = gateway([simulated("a", group: "gpt")])
        let reply = try await router.chat(["model": "gpt", "messages": [["role": "user", "content": "Hello there"]]])
        #expect(reply["model"] == "gpt")
        #expect(reply["choices"]?.arrayValue?.first?.objectValue?["message"]?.objectValue?["content"] == "Simulated reply to: Hello there")
    }

    @Test func streamsChunksThatJoinToThePlainAnswer() async throws {
        let router = gateway([simulated("a", group: "gpt")])
        let body: JSONObject = ["model": "gpt", "messages": [["role": "user", "content": "Hello there"]]]
        var text = ""
        for try await chunk in try await router.streamChat(body) {
            #expect(chunk["model"] == "gpt")
            text += chunk["choices"]?.arrayValue?.first?.objectValue?["delta"]?.objectValue?["content"]?.stringValue ?? ""
        }
        #expect(text == "Simulated reply to: Hello there")
        #expect(router.router.stats.load(for: "a").inFlight == 0)
    }

    @Test func fallsBackAndEmbedsLikeTheServer() async throws {
        let router = gateway(
            [simulated("bad", group: "primary", model: "gpt-4o-fail-500"), simulated("good", group: "backup"), simulated("e", group: "embed")],
            fallbacks: ["primary": ["backup"]]
        )
        let reply = try await router.chat(["model": "primary", "messages": [["role": "user", "content": "hi"]]])
        #expect(reply["model"] == "primary")
        let vectors = try await router.embeddings(["model": "embed", "input": "hi"])
        #expect(vectors["data"]?.arrayValue?.count == 1)
        await #expect(throws: GatewayError.self) { _ = try await router.chat(["model": "nope", "messages": [["role": "user", "content": "hi"]]]) }
    }
}
