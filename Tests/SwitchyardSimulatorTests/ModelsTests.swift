import NIOCore
import SwitchyardCore
import SwitchyardSimulator
import Testing

struct ModelsTests {
    private let auth = [(name: "Authorization", value: "Bearer sk-test")]

    @Test func listsTheConfiguredModels() async throws {
        let engine = SimulatorEngine(configuration: SimulatorEngine.Configuration(models: ["a", "b"]))
        let json = try await Sim.json(engine.respond(to: SimulatorRequest(method: "GET", path: "/v1/models", headers: auth)))
        #expect(json["object"] == "list")
        #expect(json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["a", "b"])
        #expect(json["data", 0, "object"] == "model")
        #expect(json["data", 0, "owned_by"] == "switchyard-simulator")
    }

    @Test func describesAnyModelByID() async throws {
        let json = try await Sim.json(Sim.engine().respond(to: SimulatorRequest(method: "GET", path: "/v1/models/anything-at-all", headers: auth)))
        #expect(json["id"] == "anything-at-all")
        #expect(json["object"] == "model")
    }
}
