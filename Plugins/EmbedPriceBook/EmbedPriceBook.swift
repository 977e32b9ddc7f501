import Foundation
import PackagePlugin

/// Compiles `Prices/prices.json`, the bundled price book, into the core as a string, so it
/// ships inside the binary and needs no resource bundle at run time.
@main
struct EmbedPriceBook: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let input = context.package.directoryURL.appending(path: "Prices").appending(path: "prices.json")
        let output = context.pluginWorkDirectoryURL.appending(path: "BundledPriceBook.swift")
        return [
            .buildCommand(
                displayName: "Embedding the bundled price book",
                executable: try context.tool(named: "MigrationEmbedder").url,
                arguments: ["--price-book", output.path, input.path],
                inputFiles: [input],
                outputFiles: [output]
            )
        ]
    }
}
