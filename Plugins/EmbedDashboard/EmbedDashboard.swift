import Foundation
import PackagePlugin

/// Compiles the files of `Dashboard/` (the page, its script and its style sheet) into the
/// server as strings, so the dashboard ships inside the binary: no CDN, no resource bundle.
@main
struct EmbedDashboard: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "Dashboard")
        let inputs = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { [".html", ".js", ".css", ".svg"].contains(where: $0.hasSuffix) }
            .sorted().map { folder.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "DashboardAssets.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) dashboard files",
                executable: try context.tool(named: "MigrationEmbedder").url,
                arguments: ["--dashboard", output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
