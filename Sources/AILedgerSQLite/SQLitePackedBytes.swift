import AILedger
import Foundation

/// The bytes of packed rows, in one allocation of a fixed capacity.
///
/// A large allocation outlives its rows for a moment: once they are written and let go,
/// the next large packing fills it again, so that a stream of batches writes into pages
/// already mapped. Fresh ones would each be faulted in and zeroed by the kernel (about
/// 15,000 pages per batch of realistic calls), and unmapped again after the batch. Only
/// one is kept, and for at most `spareSeconds` once nothing takes it.
final class SQLitePackedBytes: @unchecked Sendable {
    /// Where the bytes start; `capacity` bytes, `count` of them written.
    let base: UnsafeMutableRawPointer
    let capacity: Int
    private(set) var count = 0

    /// The smallest capacity kept for reuse: below it, the allocator's own free lists reuse
    /// memory well enough.
    static let reusedCapacity = 1 << 20
    /// How long an allocation no packing has taken is kept before it is freed.
    static let spareSeconds = 2

    private struct Spare {
        var base: UnsafeMutableRawPointer
        var capacity: Int
        var generation: UInt64
    }

    private static let spare = Locked<(spare: Spare?, generation: UInt64)>((nil, 0))

    /// Room for `capacity` bytes: the kept allocation if it is large enough, else a new one.
    init(capacity: Int) {
        let needed = max(capacity, 1)
        let kept: Spare? = needed < Self.reusedCapacity ? nil : Self.spare.withLock { state in
            guard let spare = state.spare, spare.capacity >= needed else { return nil }
            state.spare = nil
            return spare
        }
        if let kept {
            (base, self.capacity) = (kept.base, kept.capacity)
        } else {
            // A large one with an eighth to spare, so that the next batch, a little larger
            // or smaller, still fits in it.
            let allocated = needed < Self.reusedCapacity ? needed : needed + needed / 8
            (base, self.capacity) = (.allocate(byteCount: allocated, alignment: 16), allocated)
        }
    }

    deinit {
        guard capacity >= Self.reusedCapacity else { return base.deallocate() }
        // Kept in place of any allocation kept before (the newest is the likeliest to fit),
        // and freed after a while unless a packing has taken it.
        let (replaced, generation) = Self.spare.withLock { state -> (UnsafeMutableRawPointer?, UInt64) in
            let replaced = state.spare?.base
            state.generation &+= 1
            state.spare = Spare(base: base, capacity: capacity, generation: state.generation)
            return (replaced, state.generation)
        }
        replaced?.deallocate()
        Task.detached(priority: .background) {
            try? await Task.sleep(for: .seconds(Self.spareSeconds))
            let expired = Self.spare.withLock { state -> UnsafeMutableRawPointer? in
                guard let spare = state.spare, spare.generation == generation else { return nil }
                state.spare = nil
                return spare.base
            }
            expired?.deallocate()
        }
    }

    /// Appends `bytes`, which must fit.
    @inline(__always)
    func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        precondition(count + bytes.count <= capacity, "packed bytes overflow their capacity")
        (base + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }
}
