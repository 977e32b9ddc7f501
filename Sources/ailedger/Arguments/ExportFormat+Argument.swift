import AILedger
import ArgumentParser

extension ExportFormat: ExpressibleByArgument {}
