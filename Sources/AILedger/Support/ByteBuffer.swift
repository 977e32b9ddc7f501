#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable run of bytes being written (JSON text, packed rows): appends without the
/// uniqueness and capacity checks an array makes for every byte, and grows in place where
/// the allocator can (`realloc`), so a large buffer's pages are not copied as it grows.
struct ByteBuffer: ~Copyable {
    private var base: UnsafeMutableRawPointer
    /// The bytes it holds before it grows.
    private(set) var capacity: Int
    /// The bytes written so far.
    private(set) var count = 0

    /// An empty buffer with room for `capacity` bytes before it first grows.
    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = Self.allocate(self.capacity)
    }

    /// An empty buffer in `base`, an allocation of `capacity` bytes that a buffer made
    /// (see `released`): it is the buffer's to grow and free from now on.
    init(adopting base: UnsafeMutableRawPointer, capacity: Int) {
        (self.base, self.capacity) = (base, capacity)
    }

    deinit { free(base) }

    /// The bytes written, as a string.
    var text: String {
        String(decoding: UnsafeRawBufferPointer(start: base, count: count), as: UTF8.self)
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toHold: count + 1) }
        base.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        append(UnsafeRawBufferPointer(bytes))
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { grow(toHold: count + bytes.count) }
        (base + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends `byteCount` bytes that `body` writes.
    mutating func append(byteCount: Int, _ body: (UnsafeMutableBufferPointer<UInt8>) -> Void) {
        if count + byteCount > capacity { grow(toHold: count + byteCount) }
        body(UnsafeMutableBufferPointer(start: (base + count).assumingMemoryBound(to: UInt8.self), count: byteCount))
        count += byteCount
    }

    /// Reverses the bytes written from `start` on.
    mutating func reverse(from start: Int) {
        var written = UnsafeMutableBufferPointer(start: (base + start).assumingMemoryBound(to: UInt8.self), count: count - start)
        written.reverse()
    }

    /// The buffer's allocation and how much of it is written, now the caller's to free
    /// (with `free`) or to adopt into another buffer.
    consuming func released() -> (base: UnsafeMutableRawPointer, capacity: Int, count: Int) {
        let released = (base, capacity, count)
        discard self
        return released
    }

    @inline(never)
    private mutating func grow(toHold needed: Int) {
        var larger = 2 * capacity
        while larger < needed { larger *= 2 }
        guard let moved = realloc(base, larger) else { fatalError("out of memory growing a buffer to \(larger) bytes") }
        (base, capacity) = (moved, larger)
    }

    private static func allocate(_ byteCount: Int) -> UnsafeMutableRawPointer {
        guard let base = malloc(byteCount) else { fatalError("out of memory allocating \(byteCount) bytes") }
        return base
    }
}
