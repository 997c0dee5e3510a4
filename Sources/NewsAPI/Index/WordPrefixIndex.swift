/// The words of some short texts (the trade measures', the claims'), each with the texts holding it,
/// to find the texts with a word beginning with a prefix: the distinct words sorted by their UTF-8
/// bytes, so that a prefix's words are one run, found by a binary search.
///
/// A word is what lies between spaces, byte for byte: the texts are folded first, and a text has
/// a word beginning with `p` exactly when it holds a space followed by `p` (with a space before
/// its first word), as `ByteSearch` would find.
struct WordPrefixIndex: Sendable {
    /// The distinct words' bytes back to back, in byte order.
    private let wordBytes: [UInt8]
    /// Where each word starts in `wordBytes`, and where the last one ends.
    private let wordStarts: [Int32]
    /// The texts holding each word, ascending: word `w`'s are `owners[ownerStarts[w]..<ownerStarts[w + 1]]`.
    private let owners: [Int32]
    /// Where each word's texts start in `owners`, and where the last word's end.
    private let ownerStarts: [Int32]

    /// Indexes the words of `texts`, split at spaces.
    init(texts: [String]) {
        var pairs: [(word: Substring.UTF8View, text: Int32)] = []
        for (position, text) in texts.enumerated() {
            for word in text.split(separator: " ") {
                pairs.append((word.utf8, Int32(position)))
            }
        }
        pairs.sort { left, right in
            left.word.elementsEqual(right.word) ? left.text < right.text : left.word.lexicographicallyPrecedes(right.word)
        }
        var wordBytes: [UInt8] = []
        var wordStarts: [Int32] = [0]
        var owners: [Int32] = []
        var ownerStarts: [Int32] = [0]
        var previous: Substring.UTF8View?
        for pair in pairs {
            if let previous, previous.elementsEqual(pair.word) {
                if owners.last != pair.text { owners.append(pair.text) }
                continue
            }
            if previous != nil { ownerStarts.append(Int32(owners.count)) }
            wordBytes.append(contentsOf: pair.word)
            wordStarts.append(Int32(wordBytes.count))
            owners.append(pair.text)
            previous = pair.word
        }
        if previous != nil { ownerStarts.append(Int32(owners.count)) }
        self.wordBytes = wordBytes
        self.wordStarts = wordStarts
        self.owners = owners
        self.ownerStarts = ownerStarts
    }

    /// How many distinct words there are.
    var wordCount: Int { wordStarts.count - 1 }

    /// The texts that have, for each of `prefixes`, a word beginning with it, ascending; `nil` when
    /// there are no prefixes or one is empty or holds a space (no word answers for it: search the
    /// texts themselves).
    func texts(withWordsStartingWith prefixes: [String]) -> [Int32]? {
        guard !prefixes.isEmpty, prefixes.allSatisfy({ !$0.isEmpty && !$0.utf8.contains(UInt8(ascii: " ")) }) else {
            return nil
        }
        var lists: [[Int32]] = []
        for prefix in prefixes {
            let found = texts(withAWordStartingWith: Array(prefix.utf8))
            if found.isEmpty { return [] }
            lists.append(found)
        }
        return lists.count == 1 ? lists[0] : SortedOrdinals.intersection(of: lists)
    }

    /// The texts with a word beginning with `prefix` (not empty), ascending.
    private func texts(withAWordStartingWith prefix: [UInt8]) -> [Int32] {
        wordBytes.withUnsafeBufferPointer { bytes in
            func word(_ index: Int) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: bytes[Int(wordStarts[index])..<Int(wordStarts[index + 1])])
            }
            let first = (0..<wordCount).partitioningIndex { !word($0).lexicographicallyPrecedes(prefix) }
            var end = first
            while end < wordCount, word(end).starts(with: prefix) { end += 1 }
            let lists = (first..<end).map { owners[Int(ownerStarts[$0])..<Int(ownerStarts[$0 + 1])] }
            return lists.count == 1 ? Array(lists[0]) : SortedOrdinals.union(of: lists)
        }
    }
}
