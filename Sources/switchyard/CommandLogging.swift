import ArgumentParser
import Foundation
import Logging
import SwitchyardConfig
import SwitchyardEngine

/// A failure the user can act on: printed as one line, no backtrace, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Start-up chores shared by the subcommands.
enum CommandLogging {
    /// Sets up logging to standard error at `LOG_LEVEL` (default `info`) and returns the root logger.
    static func bootstrap(environment: [String: String]) -> Logger {
        let level = environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
        LoggingSystem.bootstrap { label in
            var handler = DeferredMetadataLogHandler(StreamLogHandler.standardError(label: label))
            handler.logLevel = level
            return handler
        }
        return Logger(label: "switchyard")
    }

    /// Loads a config, or fails with its path-qualified errors, one per line.
    static func loadConfig(path: String, environment: [String: String]) throws -> GatewayConfig {
        do {
            return try ConfigLoader.load(path: path, environment: environment)
        } catch {
            FileHandle.standardError.write(Data("switchyard: \(path) is not a usable config:\n\(error.description)\n".utf8))
            throw ExitCode(2)
        }
    }
}
