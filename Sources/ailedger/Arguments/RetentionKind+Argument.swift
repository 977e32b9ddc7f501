import AILedger
import ArgumentParser

extension RetentionKind: ExpressibleByArgument {}
