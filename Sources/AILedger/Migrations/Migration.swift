/// A schema change: its version, its description and the SQL that applies and reverts it.
public struct Migration: Sendable, Hashable {
    /// The version, from the file name's leading number; applied in ascending order.
    public var version: Int64
    /// The description, from the file name after the version.
    public var description: String
    /// The SQL that applies the change.
    public var up: String
    /// The SQL that reverts it, when shipped.
    public var down: String?

    /// Creates a migration.
    public init(version: Int64, description: String, up: String, down: String? = nil) {
        self.version = version
        self.description = description
        self.up = up
        self.down = down
    }

    /// SHA-256 of the `up` SQL, hex: a shipped migration must never change.
    public var checksum: String { SHA256.hex(Array(up.utf8)) }

    /// Pairs `.up.sql` and `.down.sql` files into migrations sorted by version.
    ///
    /// Throws `LedgerError.Kind.migrationInvalid` for a badly named file, a duplicate
    /// version, or a `.down.sql` without its `.up.sql`.
    public static func parse(_ files: [MigrationFile]) throws -> [Migration] {
        var ups: [Int64: (String, String)] = [:]
        var downs: [Int64: (String, String)] = [:]
        for file in files {
            let (version, description, direction) = try parseName(file.name)
            if direction == "up" {
                if let existing = ups[version] {
                    throw LedgerError(.migrationInvalid, "two migrations have version \(version): \(existing.0) and \(description)")
                }
                ups[version] = (description, file.sql)
            } else {
                if downs[version] != nil {
                    throw LedgerError(.migrationInvalid, "two down migrations have version \(version)")
                }
                downs[version] = (description, file.sql)
            }
        }
        if let orphan = downs.keys.filter({ ups[$0] == nil }).min() {
            throw LedgerError(.migrationInvalid, "migration \(orphan) has a .down.sql but no .up.sql")
        }
        return ups.keys.sorted().map { version in
            let (description, up) = ups[version]!
            return Migration(version: version, description: description, up: up, down: downs[version]?.1)
        }
    }

    /// Splits `0001_create_tables.up.sql` into (1, "create tables", "up").
    static func parseName(_ name: String) throws -> (Int64, String, String) {
        let direction: String
        let stem: Substring
        if name.hasSuffix(".up.sql") {
            direction = "up"; stem = name.dropLast(7)
        } else if name.hasSuffix(".down.sql") {
            direction = "down"; stem = name.dropLast(9)
        } else {
            throw LedgerError(.migrationInvalid, "'\(name)' must end in .up.sql or .down.sql")
        }
        let parts = stem.split(separator: "_", maxSplits: 1)
        guard parts.count == 2, let version = Int64(parts[0]), version > 0, !parts[1].isEmpty,
              parts[0].allSatisfy(\.isNumber) else {
            throw LedgerError(.migrationInvalid, "'\(name)' must be named <version>_<description>.\(direction).sql with a positive version")
        }
        return (version, parts[1].replacingOccurrences(of: "_", with: " "), direction)
    }
}
