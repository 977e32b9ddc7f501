// The recording process the kill test stops without warning: records outage units through
// a buffered ledger that spills to an outbox, and after each unit is flushed (committed
// or saved to the outbox) prints `durable <units so far>`.
//
//   WriterProbe <database-url> <outbox-url> <tag>
import AILedger
import AILedgerConformance
import AILedgerMySQL
import AILedgerPostgres
import AILedgerSQLite
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 4 else {
    FileHandle.standardError.write(Data("usage: WriterProbe <database-url> <outbox-url> <tag>\n".utf8))
    exit(2)
}
let options = WriterOptions(batchSize: 50, flushInterval: .milliseconds(10), outboxURL: arguments[2],
                            spillAfter: .zero, maxBackoff: .milliseconds(100))
let ledger = try await Ledger.open(url: arguments[1], drivers: [SQLiteDriver(), PostgresDriver(), MySQLDriver()],
                                   writer: options)
for index in 0..<100_000 {
    try await OutageUnit(tag: arguments[3], index: index).record(in: ledger)
    await ledger.flush()
    FileHandle.standardOutput.write(Data("durable \(index + 1)\n".utf8))
}
await ledger.close()
