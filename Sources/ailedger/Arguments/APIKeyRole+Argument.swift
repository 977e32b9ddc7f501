import AILedger
import ArgumentParser

extension APIKeyRole: ExpressibleByArgument {}
