@testable import AILedger
import Foundation
import Testing

/// Inputs that once crashed the process, leaked a password or reached the database
/// unchecked: each is now a typed error or a harmless value.
@Suite struct HostileInputTests {
    // MARK: Times

    @Test func timesOutsideYears1To9999AreWrittenAtTheNearestEnd() {
        #expect(Timestamp.iso8601(microseconds: Timestamp.maxMicroseconds + 1) == "9999-12-31T23:59:59.999999Z")
        #expect(Timestamp.iso8601(microseconds: .max) == "9999-12-31T23:59:59.999999Z")
        #expect(Timestamp.iso8601(microseconds: .min) == "0001-01-01T00:00:00.000000Z")
        #expect(Timestamp.sqlDateTime(microseconds: 253_402_300_800_000_000) == "9999-12-31 23:59:59.999999")
    }

    @Test func fractionsPastTheMicrosecondAreDropped() {
        #expect(Timestamp.parse("2025-01-01T00:00:00.1234567Z") == Timestamp.parse("2025-01-01T00:00:00.123456Z"))
        #expect(Timestamp.parse("2025-01-01T00:00:00.123456789123456789Z") == Timestamp.parse("2025-01-01T00:00:00.123456Z"))
        #expect(Timestamp.parse("2025-01-01T00:00:00.1Z") == Timestamp.parse("2025-01-01T00:00:00.100000Z"))
    }

    @Test(arguments: ["0000-01-01T00:00:00Z", "2025-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "2025-04-31T00:00:00Z",
                      "2025-01-01T00:00:00.Z", "2025-01-01T00:00:00+01:00", "2025-01-01", "2025-01-01T24:00:00Z"])
    func impossibleTimesDoNotParse(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func leapDaysParse() {
        #expect(Timestamp.parse("2024-02-29T12:00:00Z") != nil)
        #expect(Timestamp.parse("2000-02-29T12:00:00Z") != nil)
        #expect(Timestamp.parse("1900-02-29T12:00:00Z") == nil)
    }

    @Test(arguments: ["253402300800000000_01a197f2-e1b2-7acd-a820-cf4540870376",
                      "-62135596800000001_01a197f2-e1b2-7acd-a820-cf4540870376",
                      "99999999999999999999_01a197f2-e1b2-7acd-a820-cf4540870376",
                      "1_01a197f2-e1b2-7acd-a820-cf4540870376_", "_", "", "1_", "1_x",
                      "1_{01a197f2-e1b2-7acd-a820-cf4540870376}"])
    func cursorsOutsideTheStorableRangeAreRefused(_ token: String) {
        #expect(PageCursor(token: token) == nil)
    }

    @Test func aCursorReadsBackItsOwnToken() throws {
        let call = Call(createdAt: Date(timeIntervalSince1970: 1_700_000_000.123456), model: "m")
        let cursor = PageCursor(after: call)
        #expect(PageCursor(token: cursor.token) == cursor)
        let last = try #require(PageCursor(token: "253402300799999999_01a197f2-e1b2-7acd-a820-cf4540870376"))
        #expect(Timestamp.iso8601(microseconds: last.createdAtMicroseconds) == "9999-12-31T23:59:59.999999Z")
    }

    // Seconds since 1970, not dates: printing an infinite Date traps inside Foundation.
    @Test(arguments: [1e13, 1e300, .infinity, -.infinity, .nan, Date.distantPast.timeIntervalSince1970])
    func anyDateGivesAnID(_ seconds: Double) throws {
        let date = Date(timeIntervalSince1970: seconds)
        let id = UUID.v7(at: date)
        #expect(id.ledgerString.count == 36)
        // A record made at such a time is refused by validation, not trapped on.
        let error = #expect(throws: LedgerError.self) { try Call(createdAt: date, model: "m").validate() }
        #expect(error?.message.hasPrefix("call.createdAt") == true)
    }

    // MARK: URLs

    @Test(arguments: [
        ("postgres:/user:hunter2@h/db", "hunter2"),
        ("postgres:user:hunter2@h/db", "hunter2"),
        ("postgres//user:hunter2@h/db", "hunter2"),
        ("postgres://u:p@ss/word@h/db", "ss/word"),
        ("mysql://u:p@ss?w0rd@h/db", "w0rd"),
        ("mysql://u:p@ss#w0rd@h/db", "w0rd"),
        ("postgres://u:hunter2@@h/db", "hunter2"),
        ("sqlite:u:hunter2@/tmp/x.db", "hunter2"),
    ])
    func noFormOfURLEchoesItsPassword(_ text: String, _ secret: String) {
        do {
            let url = try DatabaseURL(text)
            #expect(!url.description.contains(secret), "\(url)")
            do {
                _ = try DatabaseDrivers.driver(for: url, among: [])
            } catch {
                #expect(!String(describing: error).contains(secret), "\(error)")
            }
        } catch {
            #expect(!String(describing: error).contains(secret), "\(error)")
        }
        #expect(!DatabaseURL.redact(text).contains(secret), "\(DatabaseURL.redact(text))")
    }

    @Test func anAtSignInAQueryValueIsFine() throws {
        let url = try DatabaseURL("postgres://u:pw@h/db?sslrootcert=/home/a@b/ca.pem&application_name=x@y")
        #expect(url.query("sslrootcert") == "/home/a@b/ca.pem")
        #expect(url.password == "pw")
    }

    @Test func opaqueURLsWithoutCredentialsAreShownWhole() throws {
        #expect(try DatabaseURL("sqlite::memory:").description == "sqlite::memory:")
        #expect(try DatabaseURL("sqlite:///tmp/team@work/ledger.db").description == "sqlite:///tmp/team@work/ledger.db")
    }

    // MARK: Records

    @Test(arguments: [
        (TokenUsage(output: 100, cacheRead: 1000), "call.usage.input"),
        (TokenUsage(output: 100, cacheWrite: 10), "call.usage.input"),
        (TokenUsage(input: 1000, reasoning: 500), "call.usage.output"),
        (TokenUsage(input: 1_000_000_000_001), "call.usage.input"),
        (TokenUsage(input: 10, output: 1_000_000_000_001), "call.usage.output"),
        (TokenUsage(input: 10, cacheRead: 1_000_000_000_001), "call.usage.cacheRead"),
    ])
    func tokenPartsNeedTheirTotalAndCountsHaveACap(_ usage: TokenUsage, _ field: String) {
        let error = #expect(throws: LedgerError.self) { try Call(model: "m", usage: usage).validate() }
        #expect(error?.kind == .invalidRecord)
        #expect(error?.message.hasPrefix(field) == true, "\(error?.message ?? "")")
    }

    @Test func theLargestTokenCountsAreAccepted() throws {
        let cap: Int64 = 1_000_000_000_000
        try Call(model: "m", usage: TokenUsage(input: cap, output: cap, cacheRead: cap, reasoning: cap)).validate()
    }

    @Test func providerUsageRefusesAPartWithoutItsTotal() {
        let response: JSONValue = ["model": "gpt-4o", "usage": ["completion_tokens": 5, "prompt_tokens_details": ["cached_tokens": 100]]]
        let error = #expect(throws: LedgerError.self) { _ = try ProviderUsage(response: response) }
        #expect(error?.message.contains("without usage.prompt_tokens") == true, "\(error?.message ?? "")")
    }

    @Test func jsonDeeperThan100LevelsIsRefused() throws {
        func nested(_ depth: Int) -> JSONValue {
            var value: JSONValue = "leaf"
            for level in 0..<depth { value = level % 2 == 0 ? .array([value]) : .object(["k": value]) }
            return value
        }
        try Call(model: "m", request: nested(100)).validate()
        let error = #expect(throws: LedgerError.self) { try Call(model: "m", request: nested(101)).validate() }
        #expect(error?.message == "call.request: is nested deeper than 100 levels")
        #expect(throws: LedgerError.self) { try Interaction(metadata: ["deep": nested(100)]).validate() }
        #expect(throws: LedgerError.self) { try Call(model: "m", response: nested(10_000)).validate() }
    }

    @Test func shortFieldsAreMeasuredInScalars() throws {
        let marks = "a" + String(repeating: "\u{301}", count: 10_000)
        #expect(marks.count == 1)
        let error = #expect(throws: LedgerError.self) { try Call(model: marks).validate() }
        #expect(error?.message == "call.model: is longer than 255 Unicode scalars", "\(error?.message ?? "")")
        try Call(model: String(repeating: "🦊", count: 255)).validate()
        #expect(throws: LedgerError.self) { try Call(model: String(repeating: "🦊", count: 256)).validate() }
        #expect(throws: LedgerError.self) { try Interaction(userID: "u" + String(repeating: "\u{200D}", count: 300)).validate() }
    }

    // MARK: CSV

    @Test(arguments: [
        ("plain", "plain"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("line\r\nbreak", "\"line\r\nbreak\""),
        ("\r\n", "\"'\r\n\""),
        (",\u{301}", "\",\u{301}\""),
        ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
        ("+1+cmd", "'+1+cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("\tx", "'\tx"),
        ("-12.5", "-12.5"),
        ("+3e-7", "+3e-7"),
        ("-", "'-"),
    ])
    func csvFieldsAreQuotedOnBytesAndFormulasDefused(_ text: String, _ expected: String) {
        #expect(CSV.field(text) == expected)
    }

    @Test func pythonsCSVReaderReadsBackWhatWeWrite() throws {
        let fields = ["plain", "a,b", "q\"uote", "line\r\nbreak", "\r\n", ",\u{301}", "é,", "\n", "\"", "", "tab\tx", "-5", "=1+2"]
        let text = CSV.line(fields) + "\r\n" + CSV.line(fields.reversed()) + "\r\n"
        let script = """
            import csv, io, json, sys
            print(json.dumps(list(csv.reader(io.StringIO(sys.stdin.read(), newline="")))))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        try input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let rows = try JSONDecoder().decode([[String]].self, from: data)
        // What a spreadsheet would run as a formula comes back with its leading quote.
        let read = fields.map { ["\r\n", "=1+2"].contains($0) ? "'" + $0 : $0 }
        #expect(rows == [read, read.reversed()])
    }
}
