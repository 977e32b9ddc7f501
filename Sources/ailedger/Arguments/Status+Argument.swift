import AILedger
import ArgumentParser

extension Status: ExpressibleByArgument {}
