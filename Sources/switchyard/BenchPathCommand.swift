import ArgumentParser
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOEmbedded
import SwitchyardConfig
import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys
import SwitchyardProviders
import SwitchyardServer

/// `switchyard bench-path`: the CPU time of the gateway's own work per request, in-process.
///
/// Runs chat completions through the same responder `serve` uses (middleware work, auth, dialect,
/// admission, routing, adapter, metering, spend rows, rendering), with an upstream that answers at once
/// from memory and no sockets: what remains is Switchyard's own work, the figure issue 10 asks to cut.
/// CPU time comes from `getrusage`, so other processes on a shared machine change it far less than they
/// change wall-clock throughput. With `--network` the upstream is the config's, reached through the
/// gateway's own HTTP client: the difference is the client's share. Not shown in `--help`;
/// docs/performance.md tells how it is used.
struct BenchPathCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-path",
        abstract: "Measure the CPU time of the gateway's own work per request, without sockets.",
        shouldDisplay: false
    )

    @Option(name: .long, help: "The config file; its deployments answer from memory.")
    var config: String

    @Option(name: .long, help: "Requests to measure (after as many again to warm up).")
    var requests = 100_000

    @Option(name: .long, help: "Requests in flight at once.")
    var concurrency = 16

    @Option(name: .long, help: "The model group to call.")
    var model = "bench-model"

    @Option(name: .long, help: "The API key to send (default: the master key).")
    var key: String?

    @Flag(name: .long, help: "Call the config's upstreams over HTTP with the gateway's own client instead of answering from memory.")
    var network = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let logger = CommandLogging.bootstrap(environment: environment)
        let loaded = try CommandLogging.loadConfig(path: config, environment: environment)
        let http = network ? try HTTPUpstreamTransport.make(for: loaded, environment: environment) : nil
        var (configuration, _) = Gateway.Configuration.make(from: loaded, defaultTransport: http ?? MemoryUpstream())
        if configuration.masterKey == nil {
            configuration.masterKey = environment["LITELLM_MASTER_KEY"].map(Secret.init)
        }
        var keyConfig = loaded
        keyConfig.general.masterKey = configuration.masterKey
        configuration.access = try await Gateway.openAccessControl(config: keyConfig, deployments: configuration.deployments, logger: logger)
        let gateway = Gateway(configuration: configuration, logger: logger)
        let responder = GatewayApplication.makeResponder(gateway: gateway)
        let presented = key ?? environment["LITELLM_MASTER_KEY"] ?? ""
        let body = ByteBuffer(
            string:
                #"{"model":"\#(model)","messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Say hello in five words."}],"max_tokens":32}"#
        )
        let channel = EmbeddedChannel()
        let runner = Runner(responder: responder, channel: channel, logger: logger, key: presented, body: body)

        let warm = try await runner.run(requests: requests, concurrency: concurrency)
        let start = CPUTime.now()
        let clock = ContinuousClock.now
        let result = try await runner.run(requests: requests, concurrency: concurrency)
        let cpu = CPUTime.now() - start
        let wall = ContinuousClock.now - clock
        let microseconds = cpu / Double(requests) * 1e6
        print(
            String(
                format: "%.1f us CPU/request (%d requests, %d in flight, %.0f req/s wall; non-200: %d, warm-up non-200: %d)", microseconds,
                requests, concurrency, Double(requests) / (Double(wall.components.seconds) + Double(wall.components.attoseconds) * 1e-18),
                result, warm))
        if let access = configuration.access {
            await access.spendWriter.finalFlush()
            await access.store.shutdown()
        }
        try await http?.shutdown()
    }

    struct Runner<Responder: HTTPResponder<GatewayContext>>: Sendable {
        let responder: Responder
        let channel: EmbeddedChannel
        let logger: Logger
        let key: String
        let body: ByteBuffer

        /// Runs `requests` requests, `concurrency` at a time; returns how many did not answer 200.
        func run(requests: Int, concurrency: Int) async throws -> Int {
            try await withThrowingTaskGroup(of: Int.self) { group in
                let share = requests / max(1, concurrency)
                for worker in 0..<max(1, concurrency) {
                    let count = worker == 0 ? requests - share * (max(1, concurrency) - 1) : share
                    group.addTask { try await one(count) }
                }
                return try await group.reduce(0, +)
            }
        }

        private func one(_ count: Int) async throws -> Int {
            var failed = 0
            let fields: HTTPFields = [.authorization: "Bearer \(key)", .contentType: "application/json"]
            for _ in 0..<count {
                let head = HTTPRequest(method: .post, scheme: "http", authority: "127.0.0.1", path: "/v1/chat/completions", headerFields: fields)
                let request = Request(head: head, body: .init(buffer: body))
                let context = GatewayContext(source: .init(channel: channel, logger: logger))
                let response = try await responder.respond(to: request, context: context)
                if response.status != .ok { failed += 1 }
                try await response.body.write(DiscardingWriter())
            }
            return failed
        }
    }

    /// A response body writer that drops what it is given.
    struct DiscardingWriter: ResponseBodyWriter {
        mutating func write(_ buffer: ByteBuffer) async throws {}
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }

    /// An upstream that answers every request at once with the chat completion of ../shared/bench's mock.
    struct MemoryUpstream: UpstreamTransport {
        static let answer = ByteBuffer(
            string:
                #"{"id":"chatcmpl-mock","object":"chat.completion","created":1700000000,"model":"mock-gpt","choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the mock upstream."},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":6,"total_tokens":18}}"#
        )

        func execute(_ request: UpstreamRequest) async throws -> UpstreamResponse {
            UpstreamResponse(status: 200, headers: [("content-type", "application/json")], body: UpstreamBody(buffer: Self.answer))
        }
    }

    /// The process's user and system CPU time, in seconds.
    enum CPUTime {
        static func now() -> Double {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        }
    }
}
