@testable import AILedger
import Testing

@Suite struct DatabaseURLTests {
    @Test func parsesAFullServerURL() throws {
        let url = try DatabaseURL("postgres://app%40corp:p%40ss%3Aw0rd@db.example.com:6543/ledger?sslmode=require&application_name=my%20app")
        #expect(url.scheme == "postgres")
        #expect(url.user == "app@corp")
        #expect(url.password == "p@ss:w0rd")
        #expect(url.host == "db.example.com")
        #expect(url.port == 6543)
        #expect(url.path == "/ledger")
        #expect(url.query("sslmode") == "require")
        #expect(url.query("application_name") == "my app")
    }

    @Test func descriptionHidesThePassword() throws {
        let url = try DatabaseURL("mysql://root:hunter2@[::1]:3306/db?password=hunter2&ssl=true")
        #expect(url.host == "::1")
        #expect(!url.description.contains("hunter2"))
        #expect(url.description == "mysql://root:***@[::1]:3306/db?password=***&ssl=true")
    }

    @Test func severalHostsAreListedInOrder() throws {
        let url = try DatabaseURL("postgres://u:s3cret@db1:5432,[::1]:5433,db3/ledger?target_session_attrs=read-write")
        #expect(url.endpoints == [DatabaseEndpoint(host: "db1", port: 5432), DatabaseEndpoint(host: "::1", port: 5433),
                                  DatabaseEndpoint(host: "db3")])
        #expect(url.host == "db1" && url.port == 5432)
        #expect(url.description == "postgres://u:***@db1:5432,[::1]:5433,db3/ledger?target_session_attrs=read-write")
        let single = try DatabaseURL("postgres://u@:5433/db")
        #expect(single.host == nil && single.port == 5433 && single.endpoints.isEmpty)
        #expect(single.description == "postgres://u@:5433/db")
        for bad in ["mysql://u:p@h1,,h3/db", "mysql://u:p@h1,/db", "mysql://u:p@h1,h2:0/db"] {
            let error = try #require(throws: LedgerError.self) { try DatabaseURL(bad) }
            #expect(error.kind == .invalidURL && !error.message.contains(":p@"), "\(error.message)")
        }
    }

    @Test func aReadURLKeepsItsPasswordHidden() throws {
        let encoded = try DatabaseURL("postgres://u:first@h1/db?read_url=postgres%3A%2F%2Fr%3Asecond%40h2%2Fdb&sslmode=require")
        #expect(encoded.query("read_url") == "postgres://r:second@h2/db")
        #expect(encoded.description == "postgres://u:***@h1/db?read_url=postgres://r:***@h2/db&sslmode=require")
        #expect(encoded.removingQuery("read_url").description == "postgres://u:***@h1/db?sslmode=require")
        let raw = try DatabaseURL("mysql://u:first@h1/db?read_url=mysql://r:second@h2/db")
        #expect(!raw.description.contains("first") && !raw.description.contains("second"), "\(raw.description)")
    }

    @Test func sqliteForms() throws {
        let absolute = try DatabaseURL("sqlite:///var/lib/app.db")
        #expect(absolute.hasAuthority && absolute.host == nil && absolute.path == "/var/lib/app.db")
        let relative = try DatabaseURL("sqlite://data/app.db")
        #expect(relative.host == "data" && relative.path == "/app.db")
        let memory = try DatabaseURL("sqlite::memory:")
        #expect(!memory.hasAuthority && memory.path == ":memory:")
    }

    @Test func unixSocketHostIsPercentDecoded() throws {
        let url = try DatabaseURL("postgres://me@%2Fvar%2Frun%2Fpostgresql/db")
        #expect(url.host == "/var/run/postgresql")
    }

    @Test(arguments: ["", "nocolon", "://x", "1abc://h/db", "pg://u:p@h:0/db", "pg://u:p@h:70000/db", "pg://u:p@h:x/db",
                      "pg://u:p@[::1/db", "pg://u:p@[::1]x/db", "pg://h/%zz", "pg://h/db?%zz=1", "pg://h/db?=1"])
    func malformedURLsAreTypedErrors(_ text: String) {
        let error = #expect(throws: LedgerError.self) { _ = try DatabaseURL(text) }
        #expect(error?.kind == .invalidURL)
    }

    @Test func malformedURLErrorsHideThePassword() {
        let error = #expect(throws: LedgerError.self) { _ = try DatabaseURL("postgres://me:hunter2@host:bad/db") }
        #expect(error.map { !$0.description.contains("hunter2") } == true)
    }

    @Test(arguments: ["postgres://u:12345/x@h/db", "mysql://u:pa?ss@h/db", "mysql://u:123?45@h/db",
                      "postgres://u:se#cret@h/db", "pg://u:hunter2@h:bad/db?password=hunter2"])
    func unencodedPasswordsNeverReachMessages(_ text: String) {
        let error = #expect(throws: LedgerError.self) { _ = try DatabaseURL(text) }
        #expect(error?.kind == .invalidURL)
        for fragment in ["12345/x", "pa?ss", "123?45", "se#cret", "hunter2"] where text.contains(fragment) {
            #expect(error.map { !$0.description.contains(fragment) } == true, "\(error.map(String.init(describing:)) ?? "")")
        }
    }

    @Test func atSignsInSQLitePathsAreFine() throws {
        #expect(try DatabaseURL("sqlite:///tmp/team@work/ledger.db").path == "/tmp/team@work/ledger.db")
    }

    @Test func integerQueryParametersAreChecked() throws {
        let url = try DatabaseURL("pg://h/db?pool_size=5&timeout=x")
        #expect(try url.intQuery("pool_size", in: 1...10) == 5)
        #expect(throws: LedgerError.self) { _ = try url.intQuery("timeout", in: 1...10) }
        #expect(throws: LedgerError.self) { _ = try url.intQuery("pool_size", in: 1...4) }
    }
}
