import ArgumentParser
import Foundation
import Hummingbird
import Logging
import SwitchyardConfig
import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys
import SwitchyardProviders
import SwitchyardServer
import SwitchyardSimulator

/// `switchyard serve`: runs the gateway.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the gateway on a LiteLLM-format config.yaml.",
        discussion: """
            Defaults match LiteLLM's proxy: port 4000 (env PORT), config from env CONFIG_FILE_PATH. The master key comes from \
            general_settings.master_key, else LITELLM_MASTER_KEY or SWITCHYARD_MASTER_KEY. Without one, the gateway listens on \
            127.0.0.1 only, and refuses any other --host unless --allow-unauthenticated is given. SIGINT or SIGTERM stop it \
            gracefully: in-flight requests finish first.
            """
    )

    @Option(name: .long, help: "The config file (env CONFIG_FILE_PATH).")
    var config: String?

    @Option(name: .long, help: "The port to listen on (env PORT; default 4000).")
    var port: Int?

    @Option(name: .long, help: "The address to listen on (env HOST; default 0.0.0.0 with a master key, else 127.0.0.1).")
    var host: String?

    @Flag(name: .long, help: "Serve on a non-loopback address without a master key.")
    var allowUnauthenticated = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let logger = CommandLogging.bootstrap(environment: environment)
        guard let path = config ?? environment["CONFIG_FILE_PATH"] else {
            throw CommandFailure("no config: pass --config FILE or set CONFIG_FILE_PATH")
        }
        let loaded = try CommandLogging.loadConfig(path: path, environment: environment)
        let httpTransport: HTTPUpstreamTransport
        do {
            httpTransport = try HTTPUpstreamTransport.make(for: loaded, environment: environment)
        } catch {
            throw CommandFailure("config: \(error.locatedDescription)")
        }
        let (built, notices) = Gateway.Configuration.make(
            from: loaded,
            defaultTransport: httpTransport,
            transports: ["simulator": SimulatorTransport()]
        )
        var configuration = built
        if configuration.masterKey == nil {
            configuration.masterKey = ["LITELLM_MASTER_KEY", "SWITCHYARD_MASTER_KEY"].lazy
                .compactMap { environment[$0] }.first { !$0.isEmpty }.map(Secret.init)
        }
        for notice in loaded.notices + notices {
            logger.warning("config key ignored: \(notice.description)")
        }
        let listener = try listener(environment: environment, authenticated: configuration.masterKey != nil, logger: logger)
        var keyConfig = loaded
        keyConfig.general.masterKey = configuration.masterKey
        do {
            configuration.access = try await Gateway.openAccessControl(config: keyConfig, deployments: configuration.deployments, logger: logger)
        } catch {
            try? await httpTransport.shutdown()
            throw CommandFailure("key store: \(error)")
        }
        let gateway = Gateway(configuration: configuration, logger: logger)
        logger.info(
            "switchyard \(GatewayApplication.version) serving \(configuration.deployments.count) deployments in \(gateway.router.groupNames.count) model groups on http://\(listener.host):\(listener.port)"
        )
        let app = GatewayApplication.make(gateway: gateway, listener: listener, logger: logger)
        do {
            try await app.runService()
        } catch {
            await closeKeyStore(configuration.access)
            try? await httpTransport.shutdown()
            throw CommandFailure("server stopped: \(error)")
        }
        await closeKeyStore(configuration.access)
        try await httpTransport.shutdown()
        logger.info("switchyard stopped")
    }

    /// Writes the spend still queued (requests that ended while the server drained) and closes the store.
    func closeKeyStore(_ access: AccessControl?) async {
        guard let access else { return }
        await access.spendWriter.finalFlush()
        await access.store.shutdown()
    }

    /// Host and port from the flags, the environment and the defaults; refuses an open unauthenticated gateway.
    func listener(environment: [String: String], authenticated: Bool, logger: Logger) throws -> GatewayApplication.Listener {
        let port = port ?? environment["PORT"].map { Int($0) ?? -1 } ?? 4000
        guard (0...65535).contains(port) else {
            throw CommandFailure("PORT must be a port number")
        }
        let requested = host ?? environment["HOST"]
        if authenticated {
            return .init(host: requested ?? "0.0.0.0", port: port)
        }
        let host = requested ?? "127.0.0.1"
        if !ServeCommand.isLoopback(host) && !allowUnauthenticated {
            throw CommandFailure(
                "no master key is configured, so switchyard will not listen on \(host): set general_settings.master_key "
                    + "(or LITELLM_MASTER_KEY), or pass --allow-unauthenticated"
            )
        }
        if !ServeCommand.isLoopback(host) {
            logger.warning("serving WITHOUT authentication on \(host) (--allow-unauthenticated)")
        } else {
            logger.notice("no master key configured: listening on loopback only, without authentication")
        }
        return .init(host: host, port: port)
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
