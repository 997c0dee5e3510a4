import NewsFormat

/// Plans the claims: facts on which two to four articles disagree, and the sentence each of those
/// articles will carry so that the claim can quote it word for word.
struct ClaimPlanner {
    private var rng: Xoshiro256
    private let catalog: EntityCatalog
    private let schedule: ArticleSchedule
    private var ids = UniqueIDs()

    /// Plans `count` claims (none when there are fewer than two articles) and adds the sentences
    /// they quote to `planned`.
    static func plan(
        count: Int, seed: UInt64, catalog: EntityCatalog, schedule: ArticleSchedule,
        planned: inout PlannedSentences
    ) -> [Claim] {
        guard schedule.count >= 2 else {
            return []
        }
        var planner = ClaimPlanner(rng: Xoshiro256(seed: seed, stream: .claims), catalog: catalog, schedule: schedule)
        return (0..<count).map { _ in planner.makeClaim(planned: &planned) }
    }

    private init(rng: Xoshiro256, catalog: EntityCatalog, schedule: ArticleSchedule) {
        self.rng = rng
        self.catalog = catalog
        self.schedule = schedule
    }

    private mutating func makeClaim(planned: inout PlannedSentences) -> Claim {
        var articles: [Int] = []
        while articles.count < 2 {
            articles = schedule.cluster(of: [2, 2, 2, 3, 3, 4][rng.below(6)], &rng)
        }
        let story = makeStory(versions: articles.count)
        var statements: [Claim.Statement] = []
        for (position, article) in articles.enumerated() {
            let version = story.versions[position]
            planned.add(version.quote, to: article)
            statements.append(
                Claim.Statement(articleID: schedule.id(of: article), statement: version.statement, quote: version.quote))
        }
        let words = story.topic.slug.split(separator: "-").prefix(8)
        return Claim(
            id: ids.id(from: words.joined(separator: "-")),
            topic: story.topic,
            entities: story.entities.map { catalog[$0].id },
            claims: statements
        )
    }

    /// A fact with `versions` different values: its topic, the entities it concerns, and per
    /// version our summary and the sentence an article uses.
    private mutating func makeStory(versions: Int) -> (
        topic: String, entities: [Int], versions: [(statement: String, quote: String)]
    ) {
        let country = catalog.draw(.country, &rng)!
        let k = catalog[country].name
        switch rng.below(6) {
        case 0:
            let company = catalog.draw(.company, &rng)!
            let c = catalog[company].name
            let place = catalog.draw(.place, &rng)
            let at = place.map { " at its plant in " + catalog[$0].name } ?? ""
            let counts = distinctValues(versions) { $0.int(in: 6...100) * 50 }
            return (
                "Number of jobs \(c) will cut", [company] + (place.map { [$0] } ?? []),
                counts.enumerated().map { index, n in
                    let quote = [
                        "\(c) plans to cut \(grouped(n)) jobs, the company said.",
                        "\(c) will cut about \(grouped(n)) jobs\(at), according to union officials.",
                        "The restructuring at \(c) will eliminate \(grouped(n)) positions, a person familiar with the plan said.",
                    ][index % 3]
                    return ("\(c) will cut \(grouped(n)) jobs.", quote)
                }
            )
        case 1:
            let company = catalog.draw(.company, &rng)!
            let c = catalog[company].name
            let amounts = distinctValues(versions) { $0.int(in: 12...150) }
            return (
                "Size of \(c)'s planned investment in \(k)", [company, country],
                amounts.enumerated().map { index, x in
                    let quote = [
                        "\(c) will invest \(billions(x)) in \(k) over the next five years, the company said.",
                        "The planned investment by \(c) in \(k) is worth about \(billions(x)), according to officials.",
                        "Officials in \(k) said \(c) had committed \(billions(x)) to new factories.",
                    ][index % 3]
                    return ("\(c) will invest \(billions(x)) in \(k).", quote)
                }
            )
        case 2:
            var partner = catalog.draw(.country, &rng)!
            while partner == country && catalog.indices(of: .country).count > 1 {
                partner = catalog.draw(.country, &rng)!
            }
            let p = catalog[partner].name
            let amounts = distinctValues(versions) { $0.int(in: 20...900) }
            return (
                "Value of trade between \(k) and \(p) last year", [country, partner],
                amounts.enumerated().map { index, x in
                    let quote = [
                        "Trade between \(k) and \(p) reached \(billions(x)) last year, according to customs data.",
                        "Bilateral trade between \(k) and \(p) was worth about \(billions(x)) last year.",
                        "\(k) and \(p) traded goods worth \(billions(x)) last year, officials said.",
                    ][index % 3]
                    return ("Bilateral trade was worth \(billions(x)) last year.", quote)
                }
            )
        case 3:
            let organization = catalog.draw(.organization, &rng)!
            let o = catalog[organization].name
            let rates = distinctValues(versions) { $0.int(in: 5...90) }
            return (
                "Economic growth of \(k) last year", [country, organization],
                rates.enumerated().map { index, x in
                    let quote = [
                        "The economy of \(k) grew \(tenths(x)) percent last year, according to \(o).",
                        "Official figures show the economy of \(k) expanded by \(tenths(x)) percent last year.",
                        "Economists estimate that \(k) grew \(tenths(x)) percent last year.",
                    ][index % 3]
                    return ("The economy of \(k) grew \(tenths(x)) percent last year.", quote)
                }
            )
        case 4:
            let (first, second) = twoPeople()
            let (a, b) = (catalog[first].name, catalog[second].name)
            let counts = distinctValues(versions) { $0.int(in: 10...60) }
            return (
                "Number of agreements signed during the visit of \(a) to \(k)", [first, second, country],
                counts.enumerated().map { index, n in
                    let quote = [
                        "\(a) and \(b) oversaw the signing of \(n) agreements during the visit.",
                        "The two sides signed \(n) agreements during the visit of \(a) to \(k), officials said.",
                    ][index % 2]
                    return ("\(n) agreements were signed.", quote)
                }
            )
        default:
            let (first, second) = twoPeople()
            let (a, b) = (catalog[first].name, catalog[second].name)
            let days = distinctValues(versions) { $0.below(5) }.map { CalendarDay.weekdayName(of: Int32(4 + $0)) }
            return (
                "Day of the talks between \(a) and \(b) in \(k)", [first, second, country],
                days.enumerated().map { index, day in
                    let quote = [
                        "\(a) will meet \(b) in \(k) on \(day), officials said.",
                        "Talks between \(a) and \(b) are scheduled for \(day) in \(k).",
                    ][index % 2]
                    return ("The talks are on \(day).", quote)
                }
            )
        }
    }

    // MARK: Helpers

    /// `count` different values from `draw` (which must be able to produce that many).
    private mutating func distinctValues(_ count: Int, _ draw: (inout Xoshiro256) -> Int) -> [Int] {
        var values: [Int] = []
        while values.count < count {
            let value = draw(&rng)
            if !values.contains(value) {
                values.append(value)
            }
        }
        return values
    }

    private mutating func twoPeople() -> (Int, Int) {
        let first = catalog.draw(.person, &rng)!
        var second = catalog.draw(.person, &rng)!
        while second == first {
            second = catalog.draw(.person, &rng)!
        }
        return (first, second)
    }

    /// "1,250".
    private func grouped(_ value: Int) -> String {
        value >= 1000 ? "\(value / 1000),\(String(value % 1000 + 1000).dropFirst())" : String(value)
    }

    /// "$4.2 billion" for 42.
    private func billions(_ tenthsOfBillions: Int) -> String {
        "$" + tenths(tenthsOfBillions) + " billion"
    }

    /// "4.2" for 42.
    private func tenths(_ value: Int) -> String {
        "\(value / 10).\(value % 10)"
    }
}
