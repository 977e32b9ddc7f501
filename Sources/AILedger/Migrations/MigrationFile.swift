import Foundation

/// One SQL file of a migration folder: `<version>_<description>.up.sql` or `.down.sql`.
public struct MigrationFile: Sendable, Hashable {
    /// The file name, without folders.
    public var name: String
    /// The file's SQL text.
    public var sql: String

    /// Wraps a file's name and text.
    public init(name: String, sql: String) {
        self.name = name
        self.sql = sql
    }

    /// Reads every `.sql` file of `directory` (a team's own migration folder).
    public static func load(directory: URL) throws -> [MigrationFile] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw LedgerError(.migrationInvalid, "cannot read migration folder \(directory.path)")
        }
        return try names.filter { $0.hasSuffix(".sql") }.sorted().map { name in
            let url = directory.appendingPathComponent(name)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw LedgerError(.migrationInvalid, "cannot read \(name) as UTF-8 text")
            }
            return MigrationFile(name: name, sql: text)
        }
    }
}
