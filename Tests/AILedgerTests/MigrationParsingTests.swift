@testable import AILedger
import Testing

@Suite struct MigrationParsingTests {
    @Test func pairsUpAndDownFilesInVersionOrder() throws {
        let migrations = try Migration.parse([
            MigrationFile(name: "0002_add_index.up.sql", sql: "CREATE INDEX i ON t (a);"),
            MigrationFile(name: "0001_create_tables.up.sql", sql: "CREATE TABLE t (a INT);"),
            MigrationFile(name: "0001_create_tables.down.sql", sql: "DROP TABLE t;"),
        ])
        #expect(migrations.map(\.version) == [1, 2])
        #expect(migrations[0].description == "create tables")
        #expect(migrations[0].down == "DROP TABLE t;")
        #expect(migrations[1].down == nil)
    }

    @Test func checksumIsSHA256OfTheUpSQL() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array(String(repeating: "a", count: 1_000).utf8)
        #expect(SHA256.hex(long) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        let migration = Migration(version: 1, description: "x", up: "abc")
        #expect(migration.checksum == SHA256.hex(Array("abc".utf8)))
        #expect(Migration(version: 1, description: "x", up: "abc ").checksum != migration.checksum)
    }

    @Test(arguments: ["1_x.sql", "x.up.sql", "0_zero.up.sql", "-1_neg.up.sql", "1_.up.sql", "+1_plus.up.sql"])
    func badNamesAreRejected(_ name: String) {
        let error = #expect(throws: LedgerError.self) { _ = try Migration.parse([MigrationFile(name: name, sql: "")]) }
        #expect(error?.kind == .migrationInvalid)
    }

    @Test func duplicateVersionsAndOrphanDownsAreRejected() {
        #expect(throws: LedgerError.self) {
            _ = try Migration.parse([MigrationFile(name: "1_a.up.sql", sql: ""), MigrationFile(name: "001_b.up.sql", sql: "")])
        }
        #expect(throws: LedgerError.self) { _ = try Migration.parse([MigrationFile(name: "2_a.down.sql", sql: "")]) }
    }
}
