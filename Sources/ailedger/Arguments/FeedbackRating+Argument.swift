import AILedger
import ArgumentParser

extension FeedbackRating: ExpressibleByArgument {}
