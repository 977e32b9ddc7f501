import ArgumentParser
import Foundation
import Logging

/// The program's entry point: log lines go to standard error, never among a command's
/// output, at the level `AILEDGER_LOG_LEVEL` names (default `warning`); then the command
/// runs. Exit status: 0 done, 1 failed, 2 bad usage (an unknown command or option, or a
/// value an option does not take).
@main
enum AILedgerMain {
    static func main() async {
        let level = ProcessInfo.processInfo.environment["AILEDGER_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level ?? .warning
            return handler
        }
        do {
            var command = try AILedgerCommand.parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            guard AILedgerCommand.exitCode(for: error) == .validationFailure else { AILedgerCommand.exit(withError: error) }
            // ArgumentParser says 64 (EX_USAGE); shells and most tools say 2 for bad usage.
            StandardError.print(AILedgerCommand.fullMessage(for: error))
            Foundation.exit(2)
        }
    }
}
