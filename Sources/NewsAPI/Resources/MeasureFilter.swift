/// The trade-measure filters shared by `/trade-measures`, `/trade-measures/flows` and `/timeline`,
/// read from a request's query parameters.
///
/// Values of one repeatable parameter are alternatives (`status=in_force&status=suspended` keeps
/// either), except jurisdictions: `implementing` and `affected` keep a measure naming all the values
/// given, or any of them with `match=any` (or per parameter, `implementing_match` / `affected_match`).
/// Different parameters all apply. Dates of month or year precision are ranges: a date filter keeps
/// a measure when the range overlaps the period asked for.
struct MeasureFilter {
    /// Whether a jurisdiction parameter keeps measures naming all its values or any of them.
    enum Match: String, CaseIterable, Sendable {
        /// Every value given must be named.
        case all
        /// One of the values given is enough.
        case any
    }

    let implementing: [Entity]
    let affected: [Entity]
    let implementingMatch: Match
    let affectedMatch: Match
    /// The measures (positions, ascending) naming the jurisdictions as `implementing` and `affected` ask,
    /// resolved once from the lists made at load, so checking a measure reads none of its names; `nil`
    /// when neither is set.
    private let namingJurisdictions: [Int32]?
    var types: [MeasureType] = []
    var statuses: [MeasureStatus] = []
    var evaluations: [MeasureEvaluation] = []
    /// Folded words that must each begin a word of the title, description or products.
    var words: [String] = []
    var text: String?
    var inForceOn: Int32?
    /// `from` / `to`: any lifecycle date in the period, or in force during it.
    var period: (first: Int32?, last: Int32?) = (nil, nil)
    var announced: (first: Int32?, last: Int32?) = (nil, nil)
    var inForce: (first: Int32?, last: Int32?) = (nil, nil)
    var removed: (first: Int32?, last: Int32?) = (nil, nil)

    /// The parameters that filter measures by their own fields (without `from`/`to`, which the
    /// timeline applies to its own period).
    static let ownNames = [
        "implementing", "affected", "match", "implementing_match", "affected_match", "measure_type",
        "status", "evaluation", "in_force_on", "announced_from", "announced_to",
        "in_force_from", "in_force_to", "removed_from", "removed_to",
    ]

    /// Reads the measure filters. `readsText` reads `q` as words over the measure's text; `readsPeriod`
    /// reads `from` and `to` as a period the measure's lifecycle must touch.
    init(reading query: inout QueryParameters, in snapshot: CorpusSnapshot, readsText: Bool = true, readsPeriod: Bool = true) {
        implementing = query.entities("implementing", in: snapshot)
        affected = query.entities("affected", in: snapshot)
        let match = query.choice("match", of: Match.self) ?? .all
        implementingMatch = query.choice("implementing_match", of: Match.self) ?? match
        affectedMatch = query.choice("affected_match", of: Match.self) ?? match
        types = query.choices("measure_type", of: MeasureType.self)
        statuses = query.choices("status", of: MeasureStatus.self)
        evaluations = query.choices("evaluation", of: MeasureEvaluation.self)
        if readsText, let q = query.text("q") {
            text = q
            words = TextFolding.normalizedKey(q).split(separator: " ").map(String.init)
            if words.isEmpty { query.reject("q", "the query has no words to search for") }
        }
        inForceOn = query.day("in_force_on")
        if readsPeriod { period = MeasureFilter.period(&query, "from", "to") }
        announced = MeasureFilter.period(&query, "announced_from", "announced_to")
        inForce = MeasureFilter.period(&query, "in_force_from", "in_force_to")
        removed = MeasureFilter.period(&query, "removed_from", "removed_to")
        namingJurisdictions = MeasureFilter.naming(
            [
                (implementing, implementingMatch, snapshot.measuresByImplementing),
                (affected, affectedMatch, snapshot.measuresByAffected),
            ],
            in: snapshot)
    }

    /// The measures (ascending) naming the entities of every one of `jurisdictions`, all of them or any
    /// with `Match.any`, read from `byEntity`, each entity's measures; `nil` when no entity is given.
    private static func naming(
        _ jurisdictions: [(entities: [Entity], match: Match, byEntity: [[Int32]])], in snapshot: CorpusSnapshot
    ) -> [Int32]? {
        var naming: [[Int32]] = []
        for (entities, match, byEntity) in jurisdictions where !entities.isEmpty {
            let lists = Set(entities.map(\.id)).map { id in snapshot.entityIndexByID[id].map { byEntity[Int($0)] } ?? [] }
            if lists.count == 1 {
                naming.append(lists[0])  // shared as it is, not copied
            } else if match == .all {
                naming.append(SortedOrdinals.intersection(of: lists))
            } else {
                naming.append(SortedOrdinals.union(of: lists))
            }
        }
        if naming.isEmpty { return nil }
        return naming.count == 1 ? naming[0] : SortedOrdinals.intersection(of: naming)
    }

    private static func period(_ query: inout QueryParameters, _ from: String, _ to: String) -> (first: Int32?, last: Int32?) {
        let first = query.day(from)
        let last = query.day(to)
        if let first, let last, first > last { query.reject(from, "must not be after \(to)") }
        return (first, last)
    }

    /// Records the filters as applied.
    func apply(to applied: inout AppliedQuery) {
        applied.add("implementing", implementing.map(\.id))
        applied.add("affected", affected.map(\.id))
        if !implementing.isEmpty { applied.add("implementing_match", implementingMatch.rawValue) }
        if !affected.isEmpty { applied.add("affected_match", affectedMatch.rawValue) }
        applied.add("measure_type", types.map(\.rawValue))
        applied.add("status", statuses.map(\.rawValue))
        applied.add("evaluation", evaluations.map(\.rawValue))
        applied.add("q", text)
        applied.add("in_force_on", inForceOn.map(CalendarDay.isoString(of:)))
        for (names, period) in [
            (("from", "to"), period), (("announced_from", "announced_to"), announced),
            (("in_force_from", "in_force_to"), inForce), (("removed_from", "removed_to"), removed),
        ] {
            applied.add(names.0, period.first.map(CalendarDay.isoString(of:)))
            applied.add(names.1, period.last.map(CalendarDay.isoString(of:)))
        }
    }

    /// Whether no filter is set, so every measure passes.
    var isEmpty: Bool {
        implementing.isEmpty && affected.isEmpty && types.isEmpty && statuses.isEmpty && evaluations.isEmpty
            && words.isEmpty && inForceOn == nil && announced == (nil, nil) && inForce == (nil, nil)
            && removed == (nil, nil) && period == (nil, nil)
    }

    /// Whether the measure at `position` passes every filter.
    func matches(_ position: Int, in catalog: MeasureCatalog) -> Bool {
        // The measure itself (272 bytes, its names on the heap) is read only for the dates: the rest
        // comes from arrays of a few bytes a measure, which stay in the cache over a request.
        if let namingJurisdictions, !namingJurisdictions.contains(sorted: Int32(position)) { return false }
        if !types.isEmpty, !types.contains(catalog.types[position]) { return false }
        if !statuses.isEmpty, !statuses.contains(catalog.statuses[position]) { return false }
        if !evaluations.isEmpty, !evaluations.contains(catalog.evaluations[position]) { return false }
        if !words.isEmpty, !catalog.text(of: position, containsWordsStartingWith: words) { return false }
        if inForceOn == nil, announced == (nil, nil), inForce == (nil, nil), removed == (nil, nil), period == (nil, nil) {
            return true
        }
        let measures = catalog.snapshot.measures
        let lifecycle = catalog.snapshot.measureLifecycles[position]
        if let inForceOn, !lifecycle.isInForce(on: inForceOn) { return false }
        if !MeasureFilter.overlaps(measures[position].dateAnnounced, announced) { return false }
        if !MeasureFilter.overlaps(lifecycle.inForce?.date, inForce) { return false }
        if !MeasureFilter.overlaps(lifecycle.ended?.date, removed) { return false }
        if period.first != nil || period.last != nil {
            let touched = [measures[position].dateAnnounced, lifecycle.inForce?.date, lifecycle.ended?.date]
                .contains { $0 != nil && MeasureFilter.overlaps($0, period) }
            if !touched, !lifecycle.isInForce(between: period.first, and: period.last) { return false }
        }
        return true
    }

    /// The entities (by index) that every measure this filter keeps implements or affects: those it
    /// names under `implementing` and under `affected` when it asks for all of them, or names only one.
    func requiredEntities(in snapshot: CorpusSnapshot) -> (implementing: [Int32], affected: [Int32]) {
        func required(_ entities: [Entity], _ match: Match) -> [Int32] {
            guard match == .all || entities.count == 1 else { return [] }
            return entities.compactMap { snapshot.entityIndexByID[$0.id] }
        }
        return (required(implementing, implementingMatch), required(affected, affectedMatch))
    }

    /// Whether `date`'s range overlaps the period; with no period set, anything passes, and with one
    /// set, a missing date fails.
    private static func overlaps(_ date: DateValue?, _ period: (first: Int32?, last: Int32?)) -> Bool {
        if period.first == nil, period.last == nil { return true }
        guard let date else { return false }
        if let first = period.first, date.lastDay < first { return false }
        if let last = period.last, date.day > last { return false }
        return true
    }
}

/// What measure lists read besides the snapshot, made once per snapshot: the orders, each measure's
/// summary as lists write it, and each measure's folded text for `q`.
struct MeasureCatalog: Sendable {
    let snapshot: CorpusSnapshot
    /// Each measure's type, status and evaluation, by position (what the filters on them read).
    let types: [MeasureType]
    let statuses: [MeasureStatus]
    let evaluations: [MeasureEvaluation]
    /// Measure positions by announcement date, newest first, undated last.
    let newestFirst: [Int32]
    /// Measure positions by announcement date, oldest first, undated last.
    let oldestFirst: [Int32]
    /// Each measure's place in `newestFirst` and in `oldestFirst`, by position.
    private let newestRank: [Int32]
    private let oldestRank: [Int32]
    /// Each measure's summary object, encoded once, by position.
    private let summaries: PackedBytes
    /// Each measure's title, description and products, folded, with a space before each word.
    private let foldedText: [String]
    /// The words of that text, each with its measures, so the measures with a word beginning with a
    /// prefix are one binary search away.
    private let words: WordPrefixIndex

    init(snapshot: CorpusSnapshot) {
        self.snapshot = snapshot
        let measures = snapshot.measures
        types = measures.map(\.measureType)
        statuses = measures.map(\.status)
        evaluations = measures.map(\.evaluation)
        let days = measures.map { $0.dateAnnounced?.day }
        func order(_ newest: Bool) -> [Int32] {
            measures.indices.sorted { left, right in
                switch (days[left], days[right]) {
                case (let l?, let r?) where l != r: return newest ? l > r : l < r
                case (nil, _?): return false
                case (_?, nil): return true
                default: return measures[left].id < measures[right].id
                }
            }.map { Int32($0) }
        }
        newestFirst = order(true)
        oldestFirst = order(false)
        func ranks(_ order: [Int32]) -> [Int32] {
            var rank = [Int32](repeating: 0, count: order.count)
            for (place, position) in order.enumerated() { rank[Int(position)] = Int32(place) }
            return rank
        }
        newestRank = ranks(newestFirst)
        oldestRank = ranks(oldestFirst)
        var summaries = PackedBytes()
        for measure in measures {
            var json = JSONWriter(capacity: 1024)
            json.measureSummary(measure, in: snapshot)
            summaries.append(json.bytes)
        }
        self.summaries = summaries
        foldedText = measures.map { measure in
            " " + TextFolding.normalizedKey(([measure.title, measure.description] + measure.products).joined(separator: " "))
        }
        words = WordPrefixIndex(texts: foldedText)
    }

    /// The positions of the measures whose text has, for each of `prefixes`, a word beginning with it,
    /// ascending (those `text(of:containsWordsStartingWith:)` accepts); `nil` when there are none or one
    /// is empty or holds a space, which no word of the index answers.
    func measures(withWordsStartingWith prefixes: [String]) -> [Int32]? {
        words.texts(withWordsStartingWith: prefixes)
    }

    /// Whether each of `words` begins a word of the measure's text.
    func text(of position: Int, containsWordsStartingWith words: [String]) -> Bool {
        words.allSatisfy { ByteSearch.contains(foldedText[position], " " + $0) }
    }

    /// The positions of the measures passing `filter`, in the order asked for: of the fewest measures
    /// known to hold them all, sorted, or of every measure in order when nothing narrows the filter.
    func matching(_ filter: MeasureFilter, newestFirst: Bool = true) -> [Int32] {
        guard let candidates = candidates(for: filter) else {
            return (newestFirst ? self.newestFirst : oldestFirst).filter { filter.matches(Int($0), in: self) }
        }
        let rank = newestFirst ? newestRank : oldestRank
        return candidates.filter { filter.matches(Int($0), in: self) }.sorted { rank[Int($0)] < rank[Int($1)] }
    }

    /// The shortest list made at load that holds every measure `filter` keeps (the filter still
    /// applies to them): those of an entity it requires, or of the one type or status it asks for;
    /// `nil` when it asks for none of these.
    func candidates(for filter: MeasureFilter) -> [Int32]? {
        let required = filter.requiredEntities(in: snapshot)
        var lists =
            required.implementing.map { snapshot.measuresByImplementing[Int($0)] }
            + required.affected.map { snapshot.measuresByAffected[Int($0)] }
        if filter.types.count == 1 { lists.append(snapshot.measuresByType[filter.types[0]] ?? []) }
        if filter.statuses.count == 1 { lists.append(snapshot.measuresByStatus[filter.statuses[0]] ?? []) }
        return lists.min { $0.count < $1.count }
    }

    /// Writes the summary of the measure at `position` as the next value: its bytes made at load.
    func writeSummary(ofMeasure position: Int32, into json: inout JSONWriter) {
        summaries.withBytes(Int(position)) { json.raw($0) }
    }
}
