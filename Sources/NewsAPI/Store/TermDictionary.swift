#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Interns folded tokens as dense `Int32` term ids, without a `String` per token.
///
/// Term bytes live back to back in one buffer. An open-addressing table finds them again: each
/// slot holds the term's id, its hash and a key word with its first seven bytes and its length, so
/// most lookups (terms of up to seven bytes) touch one slot and nothing else.
struct TermDictionary: Sendable {
    private struct Slot {
        /// Up to seven bytes of the term, and its length (or 0xFF for longer terms) in the top byte.
        var key: UInt64
        var hash: UInt32
        /// The term id, or -1 for an empty slot.
        var id: Int32
    }

    private var slots: ContiguousArray<Slot>
    private var mask: Int
    private var bytes = ContiguousArray<UInt8>()
    private var starts: ContiguousArray<UInt32> = [0]

    /// Creates an empty dictionary with room for about `capacity` terms before it grows.
    init(capacity: Int = 1 << 12) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = ContiguousArray(repeating: Slot(key: 0, hash: 0, id: -1), count: size)
        mask = size - 1
        starts.reserveCapacity(capacity + 1)
        bytes.reserveCapacity(capacity * 8)
    }

    /// The number of distinct terms.
    var count: Int { starts.count - 1 }

    /// The id of `term`, adding it if it is new.
    @inline(__always)
    mutating func intern(_ term: UnsafeBufferPointer<UInt8>) -> Int32 {
        let key = TermDictionary.key(term)
        let hash = TermDictionary.hash(term, key: key)
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot.id < 0 { break }
            if slot.key == key, slot.hash == hash, term.count < 8 || equals(Int(slot.id), term) { return slot.id }
            index = (index + 1) & mask
        }
        let id = Int32(count)
        slots[index] = Slot(key: key, hash: hash, id: id)
        bytes.append(contentsOf: term)
        starts.append(UInt32(bytes.count))
        if count * 2 > slots.count { grow() }
        return id
    }

    /// The id of `term`, if it is in the dictionary.
    func find(_ term: UnsafeBufferPointer<UInt8>) -> Int32? {
        let key = TermDictionary.key(term)
        let hash = TermDictionary.hash(term, key: key)
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot.id < 0 { return nil }
            if slot.key == key, slot.hash == hash, term.count < 8 || equals(Int(slot.id), term) { return slot.id }
            index = (index + 1) & mask
        }
    }

    /// The id of an already folded term, if it is in the dictionary.
    func find(_ term: String) -> Int32? {
        var term = term
        return term.withUTF8 { find($0) }
    }

    /// The folded text of a term.
    func text(of id: Int32) -> String {
        let range = Int(starts[Int(id)])..<Int(starts[Int(id) + 1])
        return String(decoding: bytes[range], as: UTF8.self)
    }

    @inline(__always)
    private func equals(_ id: Int, _ term: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(starts[id])
        guard Int(starts[id + 1]) - start == term.count else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            memcmp(stored.baseAddress! + start, term.baseAddress!, term.count) == 0
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        mask = size - 1
        var larger = ContiguousArray(repeating: Slot(key: 0, hash: 0, id: -1), count: size)
        for slot in slots where slot.id >= 0 {
            var index = Int(truncatingIfNeeded: slot.hash) & mask
            while larger[index].id >= 0 { index = (index + 1) & mask }
            larger[index] = slot
        }
        slots = larger
    }

    /// The first seven bytes of a term with its length in the top byte (0xFF when longer).
    @inline(__always)
    private static func key(_ term: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = term.baseAddress else { return 0 }
        if term.count >= 8 {
            return UnsafeRawPointer(base).loadUnaligned(as: UInt64.self) & 0x00FF_FFFF_FFFF_FFFF | 0xFF << 56
        }
        var key = UInt64(term.count) << 56
        var offset = 0
        while offset < term.count {
            key |= UInt64(base[offset]) << (8 * UInt64(offset))
            offset += 1
        }
        return key
    }

    /// A 32-bit hash of a term: its key word mixed, then any bytes beyond the seventh.
    @inline(__always)
    private static func hash(_ term: UnsafeBufferPointer<UInt8>, key: UInt64) -> UInt32 {
        var hash = key &* 0x9E37_79B9_7F4A_7C15
        if term.count >= 8, let base = term.baseAddress {
            let raw = UnsafeRawPointer(base)
            var offset = 7
            while offset + 8 <= term.count {
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
                hash ^= hash >> 31
                offset += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < term.count {
                tail |= UInt64(base[offset]) << shift
                shift += 8
                offset += 1
            }
            hash = (hash ^ tail) &* 0xBF58_476D_1CE4_E5B9
        }
        hash ^= hash >> 29
        hash = hash &* 0x94D0_49BB_1331_11EB
        hash ^= hash >> 32
        return UInt32(truncatingIfNeeded: hash)
    }
}
