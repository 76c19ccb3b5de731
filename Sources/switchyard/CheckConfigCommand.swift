import ArgumentParser
import Foundation
import SwitchyardConfig
import SwitchyardEngine
import SwitchyardProviders
import SwitchyardServer
import SwitchyardSimulator

/// `switchyard check-config FILE`: validates a config and lists every key Switchyard does not act on.
///
/// It never stops at the first problem: every error is printed (with its file and line when known),
/// then every key not acted on — also when there are errors, since a config being migrated from
/// LiteLLM usually has both — and the exit status is 2 when there was any error.
struct CheckConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Check a config.yaml: exit 0 if it is usable, listing every key not acted on; non-zero with every path-qualified error if not."
    )

    @Argument(help: "The config file.")
    var file: String

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        do {
            let config = try ConfigLoader.load(path: file, environment: environment)
            let transport = try HTTPUpstreamTransport.make(for: config, environment: environment)
            let (built, notices) = Gateway.Configuration.make(from: config, defaultTransport: transport)
            let all = config.notices + notices
            for notice in all { print(notice.description) }
            let groups = Set(built.deployments.map(\.modelName)).count
            print("\(file): usable; \(built.deployments.count) deployments in \(groups) model groups; \(all.count) keys not acted on")
        } catch {
            var notices = error.notices
            if let partial = error.partial {
                notices = partial.notices + Gateway.Configuration.make(from: partial, defaultTransport: SimulatorTransport()).notices
            }
            var report = "switchyard: \(file) is not a usable config: \(error.issues.count) error\(error.issues.count == 1 ? "" : "s")\n"
            for issue in error.issues { report += "error: \(issue.locatedDescription)\n" }
            for notice in notices { report += "not acted on: \(notice.description)\n" }
            FileHandle.standardError.write(Data(report.utf8))
            throw ExitCode(2)
        }
    }
}
