#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of packed rows, written once (see `PackedRowsBuilder`) and then only read.
///
/// A large allocation outlives its rows for a moment: once they are written and let go,
/// the next large packing fills it again, so that a stream of batches writes into pages
/// already mapped. Fresh ones would each be faulted in and zeroed by the kernel (about
/// 15,000 pages per batch of realistic calls), and unmapped again after the batch. Only
/// one is kept, and for at most `spareSeconds` once nothing takes it.
package final class PackedBytes: @unchecked Sendable {
    /// Where the bytes start; `count` of them.
    package let base: UnsafeRawPointer
    package let count: Int
    private let capacity: Int

    /// The smallest allocation kept for reuse: below it, the allocator's own free lists
    /// reuse memory well enough.
    static let reusedCapacity = 1 << 20
    /// How long an allocation no packing has taken is kept before it is freed.
    static let spareSeconds = 2

    private struct Spare {
        var base: UnsafeMutableRawPointer
        var capacity: Int
        var generation: UInt64
    }

    private static let spare = Locked<(spare: Spare?, generation: UInt64)>((nil, 0))

    /// A buffer to write about `capacity` bytes into: the kept allocation when that many
    /// are worth keeping (it grows if they turn out more), else a new one.
    static func buffer(capacity: Int) -> ByteBuffer {
        let kept: Spare? = capacity < reusedCapacity ? nil : spare.withLock { state in
            defer { state.spare = nil }
            return state.spare
        }
        guard let kept else { return ByteBuffer(capacity: capacity) }
        guard kept.capacity < capacity else { return ByteBuffer(adopting: kept.base, capacity: kept.capacity) }
        // Grown once to the size asked for, not doubled up to it as it fills.
        guard let grown = realloc(kept.base, capacity) else { fatalError("out of memory growing a buffer to \(capacity) bytes") }
        return ByteBuffer(adopting: grown, capacity: capacity)
    }

    /// The bytes written to `buffer`.
    init(_ buffer: consuming ByteBuffer) {
        let (base, capacity, count) = buffer.released()
        (self.base, self.capacity, self.count) = (UnsafeRawPointer(base), capacity, count)
    }

    deinit {
        let base = UnsafeMutableRawPointer(mutating: base)
        guard capacity >= Self.reusedCapacity else { return free(base) }
        // Kept in place of any allocation kept before (the newest is the likeliest to fit),
        // and freed after a while unless a packing has taken it.
        let (replaced, generation) = Self.spare.withLock { state -> (UnsafeMutableRawPointer?, UInt64) in
            let replaced = state.spare?.base
            state.generation &+= 1
            state.spare = Spare(base: base, capacity: capacity, generation: state.generation)
            return (replaced, state.generation)
        }
        free(replaced)
        Task.detached(priority: .background) {
            try? await Task.sleep(for: .seconds(Self.spareSeconds))
            let expired = Self.spare.withLock { state -> UnsafeMutableRawPointer? in
                guard let spare = state.spare, spare.generation == generation else { return nil }
                state.spare = nil
                return spare.base
            }
            free(expired)
        }
    }
}
