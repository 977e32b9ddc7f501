@testable import AILedger
import Testing

/// The writer's batch size: 20,000 by default, at most half the capacity unless chosen.
@Suite struct WriterOptionsTests {
    @Test func batchesDefaultTo20000OrHalfTheCapacity() throws {
        #expect(WriterOptions().batchSize == 20_000)
        #expect(WriterOptions(capacity: 15_000).batchSize == 7_500)
        #expect(WriterOptions(capacity: 1).batchSize == 1)
        #expect(WriterOptions(capacity: 15_000, batchSize: 15_000).batchSize == 15_000)
        try WriterOptions(capacity: 1).validate()
    }

    @Test func aCapacitySetLaterBoundsTheDefaultBatch() throws {
        var options = WriterOptions()
        options.capacity = 15_000
        #expect(options.batchSize == 7_500)
        try options.validate()
        options.batchSize = 2_000
        options.capacity = 100_000
        #expect(options.batchSize == 2_000)
    }

    @Test func aBatchLargerThanTheCapacityIsRefused() {
        #expect(throws: LedgerError.self) { try WriterOptions(capacity: 100, batchSize: 1_000).validate() }
    }
}
