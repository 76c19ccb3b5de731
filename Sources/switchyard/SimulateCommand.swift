import ArgumentParser
import Foundation
import SwitchyardEngine
import SwitchyardSimulator

/// `switchyard simulate`: runs the provider simulator as a standalone OpenAI-compatible server.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run the provider simulator: an OpenAI-compatible server with deterministic answers and fault injection.",
        discussion: "Faults are chosen by model name (e.g. `fail-429`, `latency-200ms`, `cut-3`) and by `x-sim-*` headers; see docs/simulator.md."
    )

    @Option(name: .long, help: "The port to listen on.")
    var port: Int = 4001

    @Option(name: .long, help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "Stream pacing in tokens per second (0: as fast as possible).")
    var tokensPerSecond: Double = 100

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let logger = CommandLogging.bootstrap(environment: environment)
        guard (0...65535).contains(port) else { throw CommandFailure("--port must be a port number") }
        guard tokensPerSecond >= 0, tokensPerSecond.isFinite else { throw CommandFailure("--tokens-per-second must be 0 or more") }
        let engine = SimulatorEngine(configuration: .init(tokensPerSecond: tokensPerSecond))
        logger.info("switchyard simulator on http://\(host):\(port)/v1")
        try await SimulatorServer(configuration: .init(host: host, port: port), engine: engine).run()
    }
}
