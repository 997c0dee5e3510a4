import NewsFormat

/// The vocabulary prose is written from, by part of speech, each drawn with Zipf-like frequencies.
struct Lexicon: Sendable {
    /// Countable nouns (`tariff`/`tariffs`).
    let countable: NounList
    /// Uncounted nouns (`growth`).
    let mass: WordList
    /// Nouns that modify another (`trade` talks).
    let modifiers: WordList
    let adjectives: WordList
    /// Verbs with an object (`raised tariffs`).
    let transitive: VerbList
    /// Verbs for quantities that rise or fall.
    let change: VerbList
    let adverbs: WordList
    let prepositions: WordList
    /// "last year", "in the first quarter".
    let timePhrases: WordList
    /// "officials said", "according to official data".
    let attributions: WordList
    /// Sentence openers before a comma ("However").
    let openers: WordList
    let conjunctions: WordList
    /// Unnamed plural actors ("analysts").
    let groups: WordList
    /// Goods and sectors, flatter than Zipf so that measures spread over many of them.
    let products: WordList

    /// Builds the lists from the raw words in `Lexicon+Words.swift`.
    init() {
        countable = NounList(block: Self.countableNouns)
        mass = WordList(block: Self.massNouns, byWord: true)
        modifiers = WordList(block: Self.modifierNouns, byWord: true)
        adjectives = WordList(block: Self.adjectives, byWord: true)
        transitive = VerbList(block: Self.transitiveVerbs)
        change = VerbList(block: Self.changeVerbs)
        adverbs = WordList(block: Self.adverbs, byWord: true)
        prepositions = WordList(block: Self.prepositions)
        timePhrases = WordList(block: Self.timePhrases)
        attributions = WordList(block: Self.attributions)
        openers = WordList(block: Self.openers)
        conjunctions = WordList(block: Self.conjunctions)
        groups = WordList(block: Self.groups)
        products = WordList(block: Self.products, exponent: 0.6)
    }

    /// Every word form prose can contain, lowercased, so that entity names can avoid them
    /// (a company called "Market" would be linked in every other sentence).
    var words: Set<String> {
        var forms: [[UInt8]] = []
        forms += countable.singular.entries + countable.plural + mass.entries + modifiers.entries
        forms += adjectives.entries + adverbs.entries + prepositions.entries + timePhrases.entries
        forms += transitive.base.entries + transitive.past + transitive.participle + transitive.present
        forms += change.base.entries + change.past + change.participle + change.present
        forms += attributions.entries + openers.entries + conjunctions.entries + groups.entries
        forms += products.entries
        var words = Set(Self.functionWords.split(separator: " ").map(String.init))
        for form in forms {
            words.formUnion(Tokenizer.foldedTokens(in: String(decoding: form, as: UTF8.self)))
        }
        return words
    }

    /// Small words the templates write directly.
    private static let functionWords = """
        a an the of to and or but in on at by for with from as is are was were be been has have \
        had will would could may might should can it its their his her they we our this that these \
        those which who said says percent billion million about more than less mr ms new plant
        """
}
