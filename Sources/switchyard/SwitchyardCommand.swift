import ArgumentParser
import Foundation
import NIOCore
import NIOPosix
import SwitchyardEngine
import SwitchyardServer

/// The process entry point.
@main
enum Entrypoint {
    static func main() async {
        // Run Swift Concurrency's jobs on NIO's event loops instead of a separate thread pool. Every request
        // otherwise hops threads several times (socket read on an event loop, handler on the pool, upstream
        // I/O on an event loop, and back), each hop an eventfd wake-up and a context switch; on one core
        // that cost dominated the request path (see docs/performance.md). Nothing in Switchyard blocks a
        // thread, which is the condition for doing this. SWITCHYARD_NIO_EXECUTOR=0 turns it off.
        let environment = ProcessInfo.processInfo.environment
        NIOSingletons.groupLoopCountSuggestion = EventLoopSizing.loopCount(environment: environment)
        if environment["SWITCHYARD_NIO_EXECUTOR"] != "0" {
            NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        }
        await SwitchyardCommand.main()
    }
}

/// The `switchyard` command line.
struct SwitchyardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "switchyard",
        abstract: "An OpenAI-compatible LLM gateway that reads LiteLLM's config.yaml.",
        version: GatewayApplication.version,
        subcommands: [ServeCommand.self, CheckConfigCommand.self, SimulateCommand.self, BenchPathCommand.self]
    )
}
