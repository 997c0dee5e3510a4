import NewsFormat

/// Plans the trade measures: what each one does, which articles report it, and the sentence
/// each of those articles will carry so that the measure can quote it word for word.
struct MeasurePlanner {
    private var rng: Xoshiro256
    private let catalog: EntityCatalog
    private let lexicon: Lexicon
    private let schedule: ArticleSchedule
    private var ids = UniqueIDs()

    /// Plans `count` measures and adds the sentences they quote to `planned`.
    static func plan(
        count: Int, seed: UInt64, catalog: EntityCatalog, lexicon: Lexicon,
        schedule: ArticleSchedule, planned: inout PlannedSentences
    ) -> [TradeMeasure] {
        var planner = MeasurePlanner(
            rng: Xoshiro256(seed: seed, stream: .measures), catalog: catalog, lexicon: lexicon, schedule: schedule
        )
        return (0..<count).map { _ in planner.makeMeasure(planned: &planned) }
    }

    private init(rng: Xoshiro256, catalog: EntityCatalog, lexicon: Lexicon, schedule: ArticleSchedule) {
        self.rng = rng
        self.catalog = catalog
        self.lexicon = lexicon
        self.schedule = schedule
    }

    private mutating func makeMeasure(planned: inout PlannedSentences) -> TradeMeasure {
        let type = Self.types[typeWeights.sample(&rng)]
        let implementing = distinctCountries(rng.chance(0.1) ? 2 : 1, excluding: [])
        let affected = distinctCountries(rng.chance(0.75) ? 1 : rng.int(in: 2...3), excluding: implementing)
        var products: [String] = []
        for _ in 0..<rng.int(in: 1...3) {
            let product = lexicon.products.drawString(&rng)
            if !products.contains(product) {
                products.append(product)
            }
        }
        let rate = makeRate(for: type)
        let status = Self.statuses[statusWeights.sample(&rng)]
        let firms = targetedFirms(for: type, affected: affected)
        let articles = schedule.cluster(of: [1, 1, 1, 2, 2, 3][rng.below(6)], &rng)

        let announced = announcedDate(firstReport: schedule.day(of: articles[0]))
        let inForce = inForceDate(status: status, announced: announced)
        let removed = status == .removed ? removedDate(after: inForce ?? announced) : nil

        let facts = MeasureFacts(
            implementing: implementing.map { mentionName(of: $0) },
            affected: affected.map { catalog[$0].name },
            products: products,
            rate: rate,
            firm: firms.first.map { catalog[$0].name },
            inForce: inForce.flatMap { $0.date.origin == .text ? CalendarDay.prose(of: $0.day) : nil },
            weekday: CalendarDay.weekdayName(of: announced.day)
        )
        let variants = facts.quotes(for: type)
        let firstVariant = rng.below(variants.count)
        var sources: [TradeMeasure.Citation] = []
        for (position, article) in articles.enumerated() {
            // The first report states the date it takes effect, if the text gives one.
            let sentence =
                position == 0 && facts.inForce != nil
                ? facts.quoteWithDate(for: type)
                : variants[(firstVariant + position) % variants.count]
            let quote = sentence.prefix(1).uppercased() + sentence.dropFirst()
            planned.add(quote, to: article)
            sources.append(TradeMeasure.Citation(articleID: schedule.id(of: article), quote: quote))
        }

        let title = facts.title(for: type, implementing: catalog[implementing[0]].name)
        return TradeMeasure(
            id: ids.id(from: title.slug + "-" + String(CalendarDay.date(of: announced.day).year)),
            title: title,
            description: facts.description(for: type),
            type: type,
            status: status,
            evaluation: evaluation(for: type),
            implementing: implementing.map { catalog[$0].id },
            affected: affected.map { catalog[$0].id },
            products: products,
            targetedFirms: firms.map { catalog[$0].id },
            rate: rate,
            dateAnnounced: announced.date,
            dateInForce: inForce?.date,
            dateRemoved: removed?.date,
            sources: sources
        )
    }

    // MARK: Parts of a measure

    /// `count` different countries by popularity, none of them in `excluded`.
    private mutating func distinctCountries(_ count: Int, excluding excluded: [Int]) -> [Int] {
        var chosen: [Int] = []
        var attempts = 0
        while chosen.count < count, attempts < 100 {
            attempts += 1
            if let country = catalog.draw(.country, &rng), !chosen.contains(country), !excluded.contains(country) {
                chosen.append(country)
            }
        }
        return chosen
    }

    private mutating func makeRate(for type: MeasureType) -> TradeMeasure.Rate? {
        switch type {
        case .tariff:
            let value = rng.pick([5, 7.5, 10, 12.5, 15, 20, 25, 30, 35, 40, 50, 60, 100])
            return TradeMeasure.Rate(value: value, unit: "percent", qualifier: rng.chance(0.15) ? .upTo : .exact)
        case .antiDumping:
            let value = Double(rng.int(in: 30...1800)) / 10
            return TradeMeasure.Rate(value: value, unit: "percent", qualifier: rng.chance(0.5) ? .upTo : .exact)
        case .countervailing:
            let value = Double(rng.int(in: 20...600)) / 10
            return TradeMeasure.Rate(value: value, unit: "percent", qualifier: rng.chance(0.3) ? .upTo : .exact)
        case .safeguard:
            return TradeMeasure.Rate(value: rng.pick([10, 15, 20, 25, 30]), unit: "percent", qualifier: .exact)
        case .rulesOfOrigin:
            return TradeMeasure.Rate(value: rng.pick([35, 40, 45, 50, 55, 60, 75]), unit: "percent", qualifier: .atLeast)
        case .exportTax:
            return TradeMeasure.Rate(value: rng.pick([5, 10, 15, 20]), unit: "percent", qualifier: .exact)
        case .exportControl, .marketAccess, .investmentScreening, .technicalBarrierToTrade, .subsidy, .quota, .importBan,
            .other:
            return nil
        }
    }

    private func evaluation(for type: MeasureType) -> MeasureEvaluation {
        switch type {
        case .marketAccess: return .liberalising
        case .rulesOfOrigin, .safeguard: return .mixed
        default: return .restrictive
        }
    }

    /// Companies the measure names: for export controls, screening and some anti-dumping
    /// cases, firms from an affected country when there are any.
    private mutating func targetedFirms(for type: MeasureType, affected: [Int]) -> [Int] {
        let probability: Double
        switch type {
        case .exportControl: probability = 0.5
        case .investmentScreening: probability = 0.6
        case .antiDumping: probability = 0.25
        default: probability = 0
        }
        guard rng.chance(probability) else {
            return []
        }
        let local = catalog.indices(of: .company).filter { company in
            affected.contains { catalog[company].country == $0 }
        }
        let pool = local.isEmpty ? catalog.indices(of: .company) : local
        let first = rng.pick(pool)
        let second = rng.pick(pool)
        return rng.chance(0.3) && second != first ? [first, second] : [first]
    }

    // MARK: Dates

    /// A date as planned: the day it happened, and the date as the record gives it (perhaps only
    /// the month or year of that day).
    private typealias PlannedDate = (day: Int32, date: DateValue)

    /// Announced a few days before the first article reports it; sometimes only the month or year is on record.
    private mutating func announcedDate(firstReport: Int32) -> PlannedDate {
        let day = firstReport - Int32(rng.below(4))
        switch rng.below(100) {
        case 0..<82:
            return (day, DateValue(containing: day, precision: .day, origin: .text))
        case 82..<95:
            return (
                day,
                DateValue(
                    containing: day, precision: .month, origin: .external,
                    note: "only the month of the announcement is on record")
            )
        default:
            return (
                day,
                DateValue(
                    containing: day, precision: .year, origin: .external,
                    note: "only the year of the announcement is on record")
            )
        }
    }

    /// When the measure took or takes effect: never before it was announced, and none for a proposal.
    private mutating func inForceDate(status: MeasureStatus, announced: PlannedDate) -> PlannedDate? {
        switch status {
        case .proposed:
            return nil
        case .announced where rng.chance(0.4):
            return nil
        default:
            let day = announced.day + Int32(status == .announced ? rng.int(in: 14...180) : rng.int(in: 0...90))
            if rng.chance(0.35) {
                return (day, DateValue(containing: day, precision: .day, origin: .text))
            }
            let precision: DatePrecision = rng.chance(0.8) ? .day : .month
            let date = DateValue(
                containing: day, precision: precision, origin: .external,
                note: "date of entry into force in the official gazette")
            if date.day < announced.date.day {
                return (
                    day,
                    DateValue(
                        containing: day, precision: .day, origin: .external,
                        note: "date of entry into force in the official gazette")
                )
            }
            return (day, date)
        }
    }

    private mutating func removedDate(after previous: PlannedDate) -> PlannedDate {
        let day = previous.day + Int32(rng.int(in: 30...400))
        return (day, DateValue(containing: day, precision: .day, origin: .external, note: "date of the withdrawal notice"))
    }

    // MARK: Helpers

    /// How the implementing country is named in a quote: usually its name, sometimes its capital or formal name.
    private mutating func mentionName(of country: Int) -> String {
        let entity = catalog[country]
        let forms = entity.mentions.map { String(decoding: $0, as: UTF8.self) }
        return rng.chance(0.7) ? forms[0] : rng.pick(forms)
    }

    /// The types drawn (the later additions to the vocabulary, technical barriers to trade to export taxes,
    /// are not drawn, so corpora made with a seed stay the same).
    private static let types: [MeasureType] = [
        .tariff, .antiDumping, .exportControl, .countervailing, .safeguard, .rulesOfOrigin,
        .marketAccess, .investmentScreening, .other,
    ]
    private let typeWeights = AliasSampler(weights: [30, 14, 14, 7, 7, 5, 8, 8, 7])
    private static let statuses: [MeasureStatus] = [.proposed, .announced, .inForce, .suspended, .removed]
    private let statusWeights = AliasSampler(weights: [10, 20, 45, 10, 15])
}
