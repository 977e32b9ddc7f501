import Foundation
import Logging

/// The program's entry point: log lines go to standard error, never among a command's
/// output, at the level `AILEDGER_LOG_LEVEL` names (default `warning`); then the command runs.
@main
enum AILedgerMain {
    static func main() async {
        let level = ProcessInfo.processInfo.environment["AILEDGER_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level ?? .warning
            return handler
        }
        await AILedgerCommand.main()
    }
}
