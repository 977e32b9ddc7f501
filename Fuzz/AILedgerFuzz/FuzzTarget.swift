import AILedger
import AILedgerOTLP
import CFuzzer
import Foundation

/// The parsers that read what clients, files and databases hand AILedger, each as a
/// libFuzzer target: every input must give a value or a typed error, never a trap, and
/// what is parsed must survive a round trip. `AILEDGER_FUZZ_TARGET` picks the target.
enum FuzzTarget: String, CaseIterable {
    case url, timestamp, cursor, json, usage, prices, litellm, migration, time, csv, call, otlp, otlpjson, sql, histogram, redaction

    static let scanner = TextScanner(enabled: Set(RedactionDetector.allCases))
    static let redactor: Redactor = {
        var policy = RedactionPolicy.all
        policy.pseudonymKey = Array("a fuzzing key of 16 bytes or more".utf8)
        policy.detectors[.email] = .pseudonym
        policy.detectors[.ipAddress] = .mask
        policy.detectors[.paymentCard] = .mask
        return try! Redactor(policy: policy)
    }()

    static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["AILEDGER_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data("set AILEDGER_FUZZ_TARGET to one of: \(allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
            exit(2)
        }
        return target
    }()

    func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        switch self {
        case .url:
            if let url = try? DatabaseURL(text), url.user != nil, url.password != nil {
                check(Self.contains(url.description, ":***@"), "the password slot is not masked")
            }
            if let url = try? DatabaseURL(text), url.hasAuthority, let replica = url.query("read_url").flatMap({ try? DatabaseURL($0) }),
               Self.contains(url.description, "read_url=") {
                check(Self.contains(url.description, "read_url=" + replica.description), "the read URL is not shown masked")
            }
        case .timestamp:
            guard let micros = Timestamp.parse(text) else { return }
            check((Timestamp.minMicroseconds...Timestamp.maxMicroseconds).contains(micros), "parsed outside years 1-9999")
            check(Timestamp.parse(Timestamp.iso8601(microseconds: micros)) == micros, "ISO text does not read back")
            check(Timestamp.parse(Timestamp.sqlDateTime(microseconds: micros)) == micros, "SQL text does not read back")
        case .redaction:
            // Any text through every detector: values in order, inside the text, none
            // overlapping; text changes only where a value was found.
            var bytes = text
            let matches = bytes.withUTF8 { Self.scanner.scan($0) }
            var last = 0
            for match in matches {
                check(match.start >= last && match.start < match.end && match.end <= text.utf8.count, "a match is out of order or bounds")
                last = match.end
            }
            // Any text read back as a field: a sealed value that does not open is the marker.
            if let sealed = SealedValue(text) {
                check(SealedValue(sealed.text) == sealed, "a sealed value's text does not read back")
            }
            var call = Call(model: "m", usage: TokenUsage())
            call.inputText = text
            check(FieldEncryption.reading(call, cipher: nil).inputText == (SealedValue(text) == nil ? text : FieldEncryption.textMarker),
                  "a field read without a key is neither itself nor the marker")
            if let redacted = Self.redactor.redacted(text) {
                check(!matches.isEmpty && redacted.utf8.count > 0, "text changed with nothing found")
            }
        case .histogram:
            // A rollup's stored latency histogram, as the database hands it back.
            guard let histogram = try? LatencyHistogram(text: text) else { return }
            check((try? LatencyHistogram(text: histogram.text))?.text == histogram.text, "a histogram's text does not read back")
            check(histogram.total == 0 || histogram.percentile(100) != nil, "a counted histogram has no maximum")
        case .cursor:
            guard let cursor = PageCursor(token: text) else { return }
            check(PageCursor(token: cursor.token) == cursor, "a cursor's token does not read back")
        case .json:
            guard let value = try? JSONValue(jsonText: text) else { return }
            if (try? Call(model: "m", request: value).validate()) != nil {
                check((try? JSONValue(jsonText: value.jsonText)) == value, "JSON text does not read back")
            }
        case .usage:
            guard let value = try? JSONValue(jsonText: text) else { return }
            if let usage = try? ProviderUsage(response: value) {
                // Every count a provider reports, billed where it validates: each rate apart.
                if (try? Call(model: usage.model ?? "m", usage: usage.usage).validate()) != nil {
                    let rates = PriceRates(input: 1, output: 2, cacheRead: 3, cacheWrite: 4, cacheWrite1h: 5, reasoning: 6, inputAudio: 7,
                                           inputImage: 8, cacheReadAudio: 9, cacheReadImage: 10, outputAudio: 11, outputImage: 12)
                    let price = Price(model: "m", effectiveFrom: Date(timeIntervalSince1970: 0), rates: rates,
                                      serviceTiers: ["priority": rates], serviceTierContextTiers: ["priority": [PriceTier(aboveInputTokens: 10, rates: rates)]])
                    if usage.usage.input != nil || usage.usage.output != nil {
                        check(price.cost(of: usage.usage, serviceTier: usage.serviceTier ?? "priority") != nil, "a valid usage is not billed")
                    }
                }
            }
        case .prices:
            if let book = try? PriceBook(json: text) {
                check((try? PriceBook(json: book.jsonText)) != nil, "a price book's JSON does not read back")
            }
        case .litellm:
            _ = try? PriceFileFormat(detecting: text)
            if let read = try? LiteLLMPriceFile(text, effectiveFrom: Date(timeIntervalSince1970: 1_700_000_000)) {
                let usage = TokenUsage(input: 300_000, output: 1_000, cacheRead: 1_000, cacheWrite: 1_000, cacheWrite1h: 10, reasoning: 10,
                                       inputAudio: 500, inputImage: 500, cacheReadAudio: 100, cacheReadImage: 100, outputAudio: 10, outputImage: 10)
                for price in read.prices {
                    for tier in [nil, "batch", "flex", "priority"] { _ = price.cost(of: usage, serviceTier: tier) }
                }
                _ = PriceBook.bundled.changes(adding: read.prices)
            }
        case .migration:
            let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts.first ?? ""), sql = parts.count > 1 ? String(parts[1]) : ""
            _ = try? Migration.parse([MigrationFile(name: name, sql: sql), MigrationFile(name: "1_base.up.sql", sql: "SELECT 1")])
        case .time:
            let now = Date(timeIntervalSince1970: 1_700_000_000)
            if let date = try? LedgerFilter.time(text, field: "since", now: now) {
                check(date.timeIntervalSince1970.isFinite, "a time that is not finite")
                check((Timestamp.minMicroseconds...Timestamp.maxMicroseconds).contains(Timestamp.microseconds(date)), "a time outside years 1-9999")
            }
        case .call:
            guard let value = try? JSONValue(jsonText: text), let call = try? Call(json: value) else { return }
            check((try? Call(json: call.json))?.id == call.id, "a call's JSON does not read back")
        case .otlp:
            guard let traces = try? OTLPTraces(protobuf: Array(data)) else { return }
            checkRecords(traces)
        case .otlpjson:
            guard let value = try? JSONValue(jsonText: text), let traces = try? OTLPTraces(json: value) else { return }
            checkRecords(traces)
        case .sql:
            // Any statement a client sends gives a fingerprint, in time, without a trap.
            _ = SQLQuery.fingerprint(of: text)
        case .csv:
            let fields = text.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
            let line = CSV.line(fields) + "\r\n"
            guard let read = CSVReader.rows(line), read.count == 1 else { return fail("CSV line does not read back as one row") }
            check(read[0] == fields.map(CSV.defused), "CSV fields do not read back")
        }
    }

    /// What spans become is always storable, and the same twice.
    private func checkRecords(_ traces: OTLPTraces) {
        let conversion = traces.records(captureContent: true)
        check((try? conversion.batch.validate()) != nil, "spans became records that cannot be stored")
        check(traces.records(captureContent: true).batch == conversion.batch, "the same spans became other records")
        check(conversion.batch.calls.count + conversion.rejected.count + conversion.skipped == traces.spans.count, "a span went missing")
    }

    /// Whether `needle`'s bytes occur in `haystack`'s: Foundation's `contains` was seen to
    /// trap on some texts holding NUL and U+FFFD.
    private static func contains(_ haystack: String, _ needle: String) -> Bool {
        let h = Array(haystack.utf8), n = Array(needle.utf8)
        guard n.count <= h.count else { return false }
        return (0...(h.count - n.count)).contains { start in h[start..<(start + n.count)].elementsEqual(n) }
    }

    private func check(_ condition: Bool, _ problem: @autoclosure () -> String) {
        if !condition { fail(problem()) }
    }

    private func fail(_ problem: String) {
        FileHandle.standardError.write(Data("\(rawValue): \(problem)\n".utf8))
        abort()
    }
}

/// The program's entry point (SwiftPM names it after the module): libFuzzer's driver, with
/// its usual command line, calling `fuzzOneInput` with each input.
@_cdecl("AILedgerFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    _ = FuzzTarget.selected
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { bytes, size in
        let data = bytes.map { Data(bytes: $0, count: size) } ?? Data()
        FuzzTarget.selected.run(data)
        return 0
    }
}
