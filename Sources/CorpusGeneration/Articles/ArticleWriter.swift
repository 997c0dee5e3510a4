import NewsFormat

/// Writes the records of articles.ndjson, each article from its own random stream so that any
/// article can be written without the others.
struct ArticleWriter: Sendable {
    let seed: UInt64
    let lexicon: Lexicon
    let catalog: EntityCatalog
    let schedule: ArticleSchedule
    let planned: PlannedSentences
    private let sources = AliasSampler.zipf(count: Source.all.count, exponent: 0.8)

    /// Creates a writer for the articles of `schedule`, with `planned` sentences placed in their articles.
    init(seed: UInt64, lexicon: Lexicon, catalog: EntityCatalog, schedule: ArticleSchedule, planned: PlannedSentences) {
        self.seed = seed
        self.lexicon = lexicon
        self.catalog = catalog
        self.schedule = schedule
        self.planned = planned
    }

    /// Appends the article numbered `index` as one line of newline-delimited JSON.
    func write(index: Int, to json: inout JSONWriter) {
        var rng = Xoshiro256(seed: seed, stream: .articles, index: index)
        let source = Source.all[sources.sample(&rng)]
        let isBrief = rng.chance(source.briefShare)
        let cast = makeCast(isBrief: isBrief, &rng)

        var prose = ProseWriter(rng: rng, lexicon: lexicon, catalog: catalog, cast: cast, curlyQuotes: source.curlyQuotes)
        prose.headline()
        let title = prose.takeText()
        var ledeLength: Int?
        if isBrief {
            prose.brief(insertions: planned.sentences(for: index))
        } else {
            // Full articles: 150 to 1500 words, most near 300, a long tail of longer pieces.
            let targetWords = 150 + Int(min(prose.rng.logNormal(median: 150, sigma: 0.75), 1350))
            ledeLength = prose.body(targetWords: targetWords, insertions: planned.sentences(for: index))
        }
        let body = prose.text
        rng = prose.rng

        let section = rng.chance(0.9) ? rng.below(source.sections.count) : nil
        let published = DateValue(containing: schedule.day(of: index), precision: .day, origin: .text)
        json.beginObject()
        json.key("id"); json.string(schedule.id(of: index))
        json.key("kind"); json.string((isBrief ? ArticleKind.brief : .article).rawValue)
        json.key("title")
        json.string(utf8: title)
        if let section {
            json.key("section"); json.string(source.sections[section])
        }
        json.key("source")
        json.beginObject()
        json.key("id"); json.string(source.id)
        json.key("name"); json.string(source.name)
        json.endObject()
        if let domain = source.domain, rng.chance(0.85) {
            let date = published.value.split(separator: "-").joined(separator: "/")
            let path = [section.map { source.sectionSlugs[$0] } ?? "news", date, Self.slug(title) + "-\(index)"]
            json.key("url"); json.string("https://www." + domain + "/" + path.joined(separator: "/"))
        }
        json.key("language"); json.string("en")
        json.key("published_at")
        published.write(to: &json)
        if let ledeLength {
            json.key("lede")
            json.string(utf8: body[..<ledeLength])
        }
        json.key("body")
        json.string(utf8: body)
        if rng.chance(0.12) {
            var ids = cast
            if rng.chance(0.3), let related = catalog.draw(.country, &rng), !ids.contains(related) {
                ids.append(related)
            }
            json.key("entities"); json.strings(ids.map { catalog[$0].id })
        }
        json.endObject()
        json.rawNewline()
    }

    /// The entities an article is about, the most important first, each drawn by popularity.
    private func makeCast(isBrief: Bool, _ rng: inout Xoshiro256) -> [Int] {
        var cast: [Int] = []
        func add(_ kind: EntityType, _ rng: inout Xoshiro256) {
            if let index = catalog.draw(kind, &rng), !cast.contains(index) {
                cast.append(index)
            }
        }
        switch rng.below(100) {
        case 0..<40: add(.country, &rng)
        case 40..<65: add(.company, &rng)
        case 65..<82: add(.person, &rng)
        default: add(.organization, &rng)
        }
        if isBrief {
            if rng.chance(0.5) { add(.country, &rng) }
            if rng.chance(0.3) { add(.person, &rng) }
            return cast
        }
        for _ in 0..<rng.int(in: 1...2) { add(.country, &rng) }
        for _ in 0..<rng.int(in: 0...3) { add(.person, &rng) }
        for _ in 0..<rng.int(in: 0...2) { add(.company, &rng) }
        if rng.chance(0.5) { add(.organization, &rng) }
        if rng.chance(0.4) { add(.place, &rng) }
        if rng.chance(0.2) { add(.product, &rng) }
        return cast
    }

    /// A URL slug of the first words of a title: lower-case ASCII letters and digits joined by `-`,
    /// accents removed.
    private static func slug(_ title: [UInt8]) -> String {
        let ascii = title.allSatisfy { $0 < 0x80 } ? title : Array(String(decoding: title, as: UTF8.self).withoutDiacritics.utf8)
        var words: [[UInt8]] = [[]]
        for byte in ascii {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                words[words.count - 1].append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                words[words.count - 1].append(byte + 32)
            default:
                if !(words.last?.isEmpty ?? true) {
                    words.append([])
                }
            }
        }
        let kept = words.filter { !$0.isEmpty }.prefix(8)
        return kept.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "-")
    }
}
