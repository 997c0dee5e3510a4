/// Words or phrases of one kind, drawn with Zipf-like (Zipf-Mandelbrot) frequencies: the list is in
/// order of how common each entry should be, so the first entries are drawn often and the last rarely.
struct WordList: Sendable {
    /// Each entry's UTF-8 bytes, ready to append to text.
    let entries: [[UInt8]]
    /// Each entry as a string.
    let strings: [String]
    private let sampler: AliasSampler

    /// Creates a list from entries in order of frequency.
    init(_ strings: [String], exponent: Double = 1.0) {
        self.strings = strings
        entries = strings.map { Array($0.utf8) }
        sampler = .zipf(count: strings.count, exponent: exponent, offset: 2.7)
    }

    /// Creates a list from one block of text: one entry per line, or per word when `byWord` is true.
    init(block: String, byWord: Bool = false, exponent: Double = 1.0) {
        self.init(Self.split(block, byWord: byWord), exponent: exponent)
    }

    /// The number of entries.
    var count: Int { entries.count }

    /// Draws an entry's index.
    func drawIndex(_ rng: inout Xoshiro256) -> Int {
        sampler.sample(&rng)
    }

    /// Draws an entry's bytes.
    func draw(_ rng: inout Xoshiro256) -> [UInt8] {
        entries[sampler.sample(&rng)]
    }

    /// Draws an entry as a string.
    func drawString(_ rng: inout Xoshiro256) -> String {
        strings[sampler.sample(&rng)]
    }

    /// Splits a block of text into trimmed, non-empty, distinct lines or words, keeping their order.
    static func split(_ block: String, byWord: Bool) -> [String] {
        let separators: Set<Character> = byWord ? [" ", "\n"] : ["\n"]
        var seen: Set<String> = []
        return block.split(whereSeparator: { separators.contains($0) })
            .map { String($0.drop(while: { $0 == " " })) }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
