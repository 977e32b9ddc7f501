extension Int64 {
    /// Adds `other`, setting `overflow` instead of trapping when the sum does not fit:
    /// rollup sums add what clients send.
    mutating func add(_ other: Int64, overflow: inout Bool) {
        let sum = addingReportingOverflow(other)
        if sum.overflow { overflow = true } else { self = sum.partialValue }
    }
}

extension Optional where Wrapped == Int64 {
    /// Adds like SQL's SUM (nil plus nil stays nil), setting `overflow` instead of trapping.
    mutating func add(_ other: Int64?, overflow: inout Bool) {
        guard let other else { return }
        var sum = self ?? 0
        sum.add(other, overflow: &overflow)
        self = sum
    }
}
