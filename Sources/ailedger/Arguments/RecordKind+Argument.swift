import AILedger
import ArgumentParser

extension RecordKind: ExpressibleByArgument {}
