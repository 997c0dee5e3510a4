#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Interns folded tokens as `Int32` term ids while loading, and counts each document's term
/// frequencies, with one hash-table probe per token.
///
/// Each slot keeps the term's first fifteen bytes and length (so most terms are compared without
/// leaving the slot) next to the term's per-document counting state, so the slot's cache line is
/// the only memory a token touches. Once loading is done, `dictionary()` keeps only what queries need.
struct TermCollector {
    private struct Slot {
        /// Bytes 0..<7 of the term, and its length (at most 255) in the top byte.
        var key: UInt64
        /// Bytes 7..<15 of the term (zero past its end).
        var extendedKey: UInt64
        var hash: UInt32
        /// The term id, or -1 for an empty slot.
        var id: Int32
        /// The last document the term was counted in.
        var lastDocument: Int32
        /// Where, from that document's first entry, its frequency is counted.
        var documentSlot: Int32
    }

    private var slots: ContiguousArray<Slot>
    private var mask: Int
    private var bytes = ContiguousArray<UInt8>()
    private var starts: ContiguousArray<UInt32> = [0]

    /// Per document (plus an end marker): where its entries start in `documentTerms`.
    private(set) var documentTermStarts: ContiguousArray<Int> = [0]
    /// Where the current document's entries start in `documentTerms` (the last of `documentTermStarts`).
    private var currentDocumentStart = 0
    /// Each document's distinct terms, documents back to back.
    private(set) var documentTerms = ContiguousArray<Int32>()
    /// The frequency of each entry of `documentTerms` in its document (at most 255, which BM25 saturates long before).
    private(set) var documentFrequencies = ContiguousArray<UInt8>()

    /// Creates an empty collector with room for about `capacity` terms before it grows.
    init(capacity: Int = 1 << 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = ContiguousArray(repeating: TermCollector.emptySlot, count: size)
        mask = size - 1
        starts.reserveCapacity(capacity + 1)
        bytes.reserveCapacity(capacity * 8)
    }

    private static let emptySlot = Slot(key: 0, extendedKey: 0, hash: 0, id: -1, lastDocument: -1, documentSlot: 0)

    /// The number of distinct terms.
    var count: Int { starts.count - 1 }

    /// The number of documents ended so far.
    var documentCount: Int { documentTermStarts.count - 1 }

    /// Makes room for about `documents` more documents with `entries` distinct terms in all.
    mutating func reserve(documents: Int, entries: Int) {
        documentTermStarts.reserveCapacity(documentTermStarts.count + documents)
        documentTerms.reserveCapacity(documentTerms.count + entries)
        documentFrequencies.reserveCapacity(documentFrequencies.count + entries)
    }

    /// The id of `term`, adding it if it is new, without counting it.
    mutating func intern(_ term: UnsafeBufferPointer<UInt8>) -> Int32 {
        let index = slotIndex(of: term)
        return slots[index].id
    }

    /// The id of `term` (added if new), counted once more in the current document.
    @inline(__always)
    mutating func count(_ term: UnsafeBufferPointer<UInt8>) -> Int32 {
        let index = slotIndex(of: term)
        let document = Int32(truncatingIfNeeded: documentTermStarts.count - 1)
        let documentStart = currentDocumentStart
        let slot = slots[index]
        if slot.lastDocument != document {
            slots[index].lastDocument = document
            slots[index].documentSlot = Int32(truncatingIfNeeded: documentTerms.count - documentStart)
            documentTerms.append(slot.id)
            documentFrequencies.append(1)
        } else {
            let entry = documentStart + Int(slot.documentSlot)
            if documentFrequencies[entry] < UInt8.max { documentFrequencies[entry] += 1 }
        }
        return slot.id
    }

    /// Rewrites the documents' term ids through `map` (`map[old] == new`), as when another
    /// collector's dictionary becomes the one kept; this collector's own lookup is then out of step
    /// with its documents and must not be used again.
    mutating func renumberDocumentTerms(_ map: ContiguousArray<Int32>) {
        map.withUnsafeBufferPointer { map in
            documentTerms.withUnsafeMutableBufferPointer { terms in
                for index in terms.indices {
                    terms[index] = map[Int(terms[index])]
                }
            }
        }
    }

    /// Calls `body` with every term's id and bytes, in id order.
    func forEachTerm(_ body: (Int32, UnsafeBufferPointer<UInt8>) -> Void) {
        bytes.withUnsafeBufferPointer { stored in
            for id in 0..<count {
                body(Int32(id), UnsafeBufferPointer(rebasing: stored[Int(starts[id])..<Int(starts[id + 1])]))
            }
        }
    }

    /// Ends the current document; later counts go to the next one.
    mutating func endDocument() {
        documentTermStarts.append(documentTerms.count)
        currentDocumentStart = documentTerms.count
    }

    /// The slot holding `term`, adding the term if it is new.
    @inline(__always)
    private mutating func slotIndex(of term: UnsafeBufferPointer<UInt8>) -> Int {
        let (key, extendedKey) = TermCollector.keys(term)
        let hash = TermCollector.hash(term, key: key, extendedKey: extendedKey)
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot.id < 0 {
                return add(term, key: key, extendedKey: extendedKey, hash: hash, at: index)
            }
            if slot.key == key, slot.extendedKey == extendedKey, slot.hash == hash,
                term.count < 16 || equals(Int(slot.id), term)
            {
                return index
            }
            index = (index + 1) & mask
        }
    }

    /// Adds a new term in the empty slot at `index` (found by `slotIndex`), and returns its slot,
    /// which moves if the table has to grow. Kept out of line: the per-token path almost always finds the term.
    @inline(never)
    private mutating func add(
        _ term: UnsafeBufferPointer<UInt8>, key: UInt64, extendedKey: UInt64, hash: UInt32, at index: Int
    ) -> Int {
        let id = Int32(count)
        slots[index] = Slot(key: key, extendedKey: extendedKey, hash: hash, id: id, lastDocument: -1, documentSlot: 0)
        bytes.append(contentsOf: term)
        starts.append(UInt32(bytes.count))
        guard count * 2 > slots.count else { return index }
        grow()
        var moved = Int(truncatingIfNeeded: hash) & mask
        while slots[moved].id != id { moved = (moved + 1) & mask }
        return moved
    }

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
        var larger = ContiguousArray(repeating: TermCollector.emptySlot, count: size)
        for slot in slots where slot.id >= 0 {
            var index = Int(truncatingIfNeeded: slot.hash) & mask
            while larger[index].id >= 0 { index = (index + 1) & mask }
            larger[index] = slot
        }
        slots = larger
    }

    /// Frees the lookup table (which can be large) once no more terms will be interned or counted;
    /// the terms and per-document frequencies stay.
    mutating func releaseLookupTable() {
        slots = []
        mask = 0
    }

    /// The compact, read-only dictionary queries use. Call it before `releaseLookupTable()`.
    func dictionary() -> TermDictionary {
        var hashes = ContiguousArray<UInt32>(repeating: 0, count: count)
        for slot in slots where slot.id >= 0 {
            hashes[Int(slot.id)] = slot.hash
        }
        return TermDictionary(bytes: bytes, starts: starts, hashes: hashes)
    }

    // MARK: Keys and hashing

    /// The term's first fifteen bytes as two words, with its length in the first word's top byte.
    @inline(__always)
    static func keys(_ term: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        guard let base = term.baseAddress else { return (0, 0) }
        let raw = UnsafeRawPointer(base)
        let count = term.count
        let length = UInt64(min(count, 255)) << 56
        if count >= 15 {
            return (
                raw.loadUnaligned(as: UInt64.self) & 0x00FF_FFFF_FFFF_FFFF | length,
                raw.loadUnaligned(fromByteOffset: 7, as: UInt64.self)
            )
        }
        if count >= 8 {
            let tail = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) >> (8 * UInt64(15 - count))
            return (raw.loadUnaligned(as: UInt64.self) & 0x00FF_FFFF_FFFF_FFFF | length, tail)
        }
        // Shorter terms (most words) are read in two overlapping loads, whose shared bytes agree.
        if count >= 4 {
            let head = UInt64(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
            let tail = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)))
            return (length | head | tail << (8 * UInt64(count - 4)), 0)
        }
        guard count > 0 else { return (length, 0) }
        let middle = count >> 1
        let bytes =
            UInt64(base[0]) | UInt64(base[middle]) << (8 * UInt64(middle)) | UInt64(base[count - 1]) << (8 * UInt64(count - 1))
        return (length | bytes, 0)
    }

    /// A 32-bit hash of a term from its key words and any bytes past the fifteenth.
    @inline(__always)
    static func hash(_ term: UnsafeBufferPointer<UInt8>, key: UInt64, extendedKey: UInt64) -> UInt32 {
        var hash = (key ^ (extendedKey &* 0xBF58_476D_1CE4_E5B9)) &* 0x9E37_79B9_7F4A_7C15
        if term.count > 15, let base = term.baseAddress {
            var offset = 15
            while offset < term.count {
                hash = (hash ^ UInt64(base[offset])) &* 0x0000_0100_0000_01B3
                offset += 1
            }
        }
        hash ^= hash >> 29
        hash = hash &* 0x94D0_49BB_1331_11EB
        hash ^= hash >> 32
        return UInt32(truncatingIfNeeded: hash)
    }
}
