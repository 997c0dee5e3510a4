#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The read-only map from folded term text to term id that queries use, built once by
/// `TermCollector.dictionary()`: term bytes back to back, and a compact open-addressing table.
struct TermDictionary: Sendable {
    private let bytes: ContiguousArray<UInt8>
    private let starts: ContiguousArray<UInt32>
    private let hashes: ContiguousArray<UInt32>
    private let slots: ContiguousArray<Int32>
    private let mask: Int

    /// Builds the table over terms whose bytes are `bytes[starts[id]..<starts[id + 1]]`, with the
    /// hashes `TermCollector.hash` gave them.
    init(bytes: ContiguousArray<UInt8>, starts: ContiguousArray<UInt32>, hashes: ContiguousArray<UInt32>) {
        var size = 16
        while size * 2 < hashes.count * 3 { size <<= 1 }
        let mask = size - 1
        var slots = ContiguousArray<Int32>(repeating: -1, count: size)
        for (id, hash) in hashes.enumerated() {
            var index = Int(truncatingIfNeeded: hash) & mask
            while slots[index] >= 0 { index = (index + 1) & mask }
            slots[index] = Int32(id)
        }
        self.bytes = bytes
        self.starts = starts
        self.hashes = hashes
        self.slots = slots
        self.mask = mask
    }

    /// The number of distinct terms.
    var count: Int { hashes.count }

    /// The id of `term`, if it is in the dictionary.
    func find(_ term: UnsafeBufferPointer<UInt8>) -> Int32? {
        let (key, extendedKey) = TermCollector.keys(term)
        let hash = TermCollector.hash(term, key: key, extendedKey: extendedKey)
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[index]
            if id < 0 { return nil }
            if hashes[Int(id)] == hash, equals(Int(id), term) { return id }
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

    private func equals(_ id: Int, _ term: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(starts[id])
        guard Int(starts[id + 1]) - start == term.count else { return false }
        guard let termBase = term.baseAddress else { return true }
        return bytes.withUnsafeBufferPointer { stored in
            memcmp(stored.baseAddress! + start, termBase, term.count) == 0
        }
    }
}
