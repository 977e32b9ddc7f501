import Foundation
import PackagePlugin

/// Compiles `Migrations/<dialect>/*.sql`, and the opt-in sets in
/// `Migrations/<dialect>/compat/<name>/*.sql`, into the driver target that owns the
/// dialect, so the migrations ship inside the binary and need no resource bundle at run time.
@main
struct EmbedMigrations: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let dialects = ["AILedgerSQLite": "sqlite", "AILedgerPostgres": "postgres", "AILedgerMySQL": "mysql"]
        guard let dialect = dialects[target.name] else {
            throw EmbedMigrationsError(message: "no migration folder is known for target \(target.name)")
        }
        let folder = context.package.directoryURL.appending(path: "Migrations").appending(path: dialect)
        // The dialect's own migrations, then each opt-in compatibility set in compat/<name>/.
        var folders = [folder]
        let compat = folder.appending(path: "compat")
        if let sets = try? FileManager.default.contentsOfDirectory(at: compat, includingPropertiesForKeys: nil) {
            folders += [compat] + sets.sorted { $0.lastPathComponent < $1.lastPathComponent }
        }
        let files = try folders.flatMap { directory in
            try FileManager.default
                .contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "sql" }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "BundledMigrations.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) \(dialect) migration files",
                executable: try context.tool(named: "MigrationEmbedder").url,
                arguments: [output.path] + files.map(\.path),
                inputFiles: folders + files,
                outputFiles: [output]
            )
        ]
    }
}

struct EmbedMigrationsError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
