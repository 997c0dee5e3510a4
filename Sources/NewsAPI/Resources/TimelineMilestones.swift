/// The milestones of `/timeline`, made once per snapshot: every measure's and claim's in stream order,
/// and for the unfiltered timeline and each entity's, which of them are in scope, when the measures
/// in scope came into force and stopped, and their counts laid out for binary searches per period.
///
/// A request with no `q`, no measure filter and at most one entity reads a scope as it is; any other
/// gathers its measures' and claims' places in the one sorted list and sorts those integers.
struct TimelineMilestones: Sendable {
    typealias Milestone = TimelineResource.Milestone
    typealias EventKind = TimelineResource.EventKind

    /// Every milestone, oldest first; on one day by kind, then by the measure's or claim's id (claims
    /// are kept by id).
    let all: [Milestone]
    /// The date of each claim's milestone, by claim position: the publication of its last version.
    let claimDates: [DateValue?]
    /// Each measure's milestones, as places in `all` (ascending), by measure position.
    private let ofMeasure: [[Int32]]
    /// Each claim's milestone as a place in `all` (-1 when it has none), by claim position.
    private let ofClaim: [Int32]
    /// Every measure and claim.
    private let everything: Scope
    /// Each entity's measures (implementing, affected or targeted) and claims, by entity index.
    private let byEntity: [Scope]
    /// Each claim's entity ids, by claim position.
    private let claimEntities: [[String]]
    /// Each claim's folded text, for `q` (see `ClaimsResource.searchText`).
    private let claimText: [String]
    /// Every word of each claim's folded text with the claim's position, sorted by the word's bytes, so
    /// the claims with a word beginning with a prefix are one binary search away.
    private let claimWords: [(word: String, claim: Int32)]

    /// Some measures and claims, with their milestones and what counting those per period reads: a
    /// class, so a request reads a scope made at load through one reference, not a copy of its arrays.
    final class Scope: Sendable {
        /// The measures' positions, ascending.
        let measures: [Int32]
        /// The claims' positions, ascending.
        let claims: [Int32]
        /// Their milestones, as places in `all`, ascending (so in stream order).
        let milestones: [Int32]
        /// The days the measures came into force, and the days they stopped, ascending.
        let started: [Int32]
        let stopped: [Int32]
        /// The milestones counted in day or week periods, and in month periods.
        let finer: MilestoneTally
        let monthly: MilestoneTally

        init(
            measures: [Int32], claims: [Int32], milestones: [Int32], started: [Int32], stopped: [Int32],
            finer: MilestoneTally, monthly: MilestoneTally
        ) {
            self.measures = measures
            self.claims = claims
            self.milestones = milestones
            self.started = started
            self.stopped = stopped
            self.finer = finer
            self.monthly = monthly
        }
    }

    /// The milestones one request shows, oldest first, with what counting them reads.
    struct Selection: Sendable {
        /// Every milestone, oldest first (`TimelineMilestones.all`).
        private let all: [Milestone]
        /// The places in `all` of the milestones shown, ascending; `nil` for all of them.
        private let places: [Int32]?
        /// The days the measures in scope came into force, and the days they stopped, ascending (all of
        /// them: the stock in force does not follow `event`, `from` or `to`).
        let started: [Int32]
        let stopped: [Int32]
        /// The scope whose milestones these are, all of them, when there is one.
        fileprivate let scope: Scope?

        fileprivate init(all: [Milestone], places: [Int32]?, started: [Int32], stopped: [Int32], scope: Scope?) {
            self.all = all
            self.places = places
            self.started = started
            self.stopped = stopped
            self.scope = scope
        }

        /// The milestones shown, oldest first: copied out only when read (a counted timeline of a scope
        /// made at load never reads them).
        var milestones: [Milestone] {
            guard let places else { return all }
            return places.map { all[Int($0)] }
        }

        /// The milestones laid out for counting in periods of `interval`.
        func tally(_ interval: TimelineInterval) -> MilestoneTally {
            if let scope { return interval == .month ? scope.monthly : scope.finer }
            return MilestoneTally(milestones, interval: interval, tabled: false)
        }
    }

    init(snapshot: CorpusSnapshot) {
        var unsorted: [Milestone] = []
        for position in snapshot.measures.indices {
            unsorted += TimelineMilestones.milestones(ofMeasure: position, in: snapshot)
        }
        // A disagreement exists once its last version is published.
        let claimDates = snapshot.claims.map { claim in
            claim.claims.compactMap { snapshot.article(id: $0.articleID).map { snapshot.article(at: $0).publishedAt } }
                .max(by: { ($0.day, $0.lastDay) < ($1.day, $1.lastDay) })
        }
        for (position, date) in claimDates.enumerated() {
            if let date { unsorted.append(Milestone(kind: .claimDisputed, subject: Int32(position), date: date, origin: nil)) }
        }
        var measureRank = [Int32](repeating: 0, count: snapshot.measures.count)
        for (rank, position) in snapshot.measures.indices.sorted(by: { snapshot.measures[$0].id < snapshot.measures[$1].id })
            .enumerated()
        {
            measureRank[position] = Int32(rank)
        }
        func rank(_ milestone: Milestone) -> Int32 {
            milestone.isMeasure ? measureRank[Int(milestone.subject)] : milestone.subject
        }
        let all = unsorted.sorted { left, right in
            if left.day != right.day { return left.day < right.day }
            if left.kind != right.kind { return left.kind.order < right.kind.order }
            return rank(left) < rank(right)
        }
        var ofMeasure = [[Int32]](repeating: [], count: snapshot.measures.count)
        var ofClaim = [Int32](repeating: -1, count: snapshot.claims.count)
        for (place, milestone) in all.enumerated() {
            if milestone.isMeasure {
                ofMeasure[Int(milestone.subject)].append(Int32(place))
            } else {
                ofClaim[Int(milestone.subject)] = Int32(place)
            }
        }
        func scope(measures: [Int32], claims: [Int32]) -> Scope {
            let places = (measures.flatMap { ofMeasure[Int($0)] } + claims.map { ofClaim[Int($0)] }.filter { $0 >= 0 }).sorted()
            let (started, stopped) = TimelineMilestones.inForceDays(of: measures, in: snapshot)
            let milestones = places.map { all[Int($0)] }
            return Scope(
                measures: measures, claims: claims, milestones: places, started: started, stopped: stopped,
                finer: MilestoneTally(milestones, interval: .day), monthly: MilestoneTally(milestones, interval: .month))
        }
        everything = scope(
            measures: snapshot.measures.indices.map { Int32($0) }, claims: snapshot.claims.indices.map { Int32($0) })
        byEntity = snapshot.entities.indices.map { index in
            let measures = Set(
                snapshot.measuresByImplementing[index] + snapshot.measuresByAffected[index]
                    + snapshot.measuresByTargetedFirm[index])
            return scope(measures: measures.sorted(), claims: snapshot.claimsByEntity[index])
        }
        self.all = all
        self.claimDates = claimDates
        self.ofMeasure = ofMeasure
        self.ofClaim = ofClaim
        claimEntities = snapshot.claims.map(\.entityIDs)
        claimText = snapshot.claims.map(ClaimsResource.searchText)
        claimWords = TimelineMilestones.wordIndex(of: claimText)
    }

    /// The words of each text (split at spaces, byte for byte) with the text's position, sorted by
    /// their bytes and then position, each pair once.
    private static func wordIndex(of texts: [String]) -> [(word: String, claim: Int32)] {
        var pairs: [(word: String, claim: Int32)] = []
        for (position, text) in texts.enumerated() {
            for word in text.utf8.split(separator: UInt8(ascii: " ")) {
                pairs.append((String(decoding: word, as: UTF8.self), Int32(position)))
            }
        }
        pairs.sort { left, right in
            left.word.utf8.elementsEqual(right.word.utf8)
                ? left.claim < right.claim : left.word.utf8.lexicographicallyPrecedes(right.word.utf8)
        }
        var unique: [(word: String, claim: Int32)] = []
        for pair in pairs {
            if let last = unique.last, last.claim == pair.claim, last.word.utf8.elementsEqual(pair.word.utf8) { continue }
            unique.append(pair)
        }
        return unique
    }

    /// The claims whose folded text has, for each of `prefixes`, a word beginning with it, ascending:
    /// those where `ByteSearch` finds a space and the prefix, when no prefix is empty or has a space.
    private func claims(withWordsStartingWith prefixes: [String]) -> [Int32]? {
        guard prefixes.allSatisfy({ !$0.isEmpty && !$0.utf8.contains(UInt8(ascii: " ")) }) else { return nil }
        var result: [Int32]?
        for prefix in prefixes {
            let start = claimWords.partitioningIndex { !$0.word.utf8.lexicographicallyPrecedes(prefix.utf8) }
            var found: [Int32] = []
            for entry in claimWords[start...] {
                guard entry.word.utf8.starts(with: prefix.utf8) else { break }
                found.append(entry.claim)
            }
            found.sort()
            result = result.map { kept in kept.filter { found.contains(sorted: $0) } } ?? found
        }
        return result
    }

    /// A measure's announcement, coming into force and end, as `MeasureLifecycle` has them.
    private static func milestones(ofMeasure position: Int, in snapshot: CorpusSnapshot) -> [Milestone] {
        let measure = snapshot.measures[position]
        let lifecycle = snapshot.measureLifecycles[position]
        var milestones: [Milestone] = []
        if let date = measure.dateAnnounced {
            milestones.append(
                Milestone(
                    kind: .measureAnnounced, subject: Int32(position), date: date,
                    origin: MeasureLifecycle.Origin(date.origin)))
        }
        if let start = lifecycle.inForce {
            milestones.append(
                Milestone(
                    kind: .measureInForce, subject: Int32(position), date: start.date,
                    origin: start.origin))
        }
        if let end = lifecycle.ended {
            milestones.append(
                Milestone(
                    kind: measure.status == .suspended ? .measureSuspended : .measureRemoved,
                    subject: Int32(position), date: end.date, origin: end.origin))
        }
        return milestones
    }

    /// When each of the measures came into force, and when each stopped, sorted. The stock in force on a
    /// day is (came into force on or before it) − (stopped on or before it); an end never counts before
    /// its start, so each subtraction pairs with an addition.
    private static func inForceDays(of measures: [Int32], in snapshot: CorpusSnapshot) -> (started: [Int32], stopped: [Int32]) {
        let lifecycles = snapshot.measureLifecycles
        var started: [Int32] = []
        var stopped: [Int32] = []
        for position in measures {
            guard let start = lifecycles[Int(position)].inForce?.day else { continue }
            started.append(start)
            if let end = lifecycles[Int(position)].ended?.day { stopped.append(max(end, start)) }
        }
        return (started.sorted(), stopped.sorted())
    }

    /// The milestones in scope, oldest first: those of the measures in scope (an entity's own when one
    /// is given, else those with the words of `q`, then the measure filters) and of the claims about the
    /// entities with the words of `q`; of the kinds asked for, in `from`...`to`.
    func selection(
        _ query: ArticleQuery, _ filter: MeasureFilter, kinds: [EventKind], catalog: MeasureCatalog
    ) -> Selection {
        let snapshot = catalog.snapshot
        let words = TimelineMilestones.words(of: query)
        // The entity's id read in place, not a copy of the entity.
        let entityScope = query.entities.isEmpty ? nil : snapshot.entityIndexByID[query.entities[0].id].map { byEntity[Int($0)] }
        let undated = kinds.isEmpty && query.firstDay == nil && query.lastDay == nil
        func shown(_ place: Int32) -> Bool {
            let milestone = all[Int(place)]
            if !kinds.isEmpty, !kinds.contains(milestone.kind) { return false }
            if let first = query.firstDay, milestone.lastDay < first { return false }
            if let last = query.lastDay, milestone.day > last { return false }
            return true
        }

        // One entity or none, no words and no measure filter: a scope made at load is the answer.
        if words.isEmpty, filter.isEmpty, query.entities.count <= 1, query.entities.isEmpty || entityScope != nil {
            let scope = entityScope ?? everything
            if undated {
                return Selection(
                    all: all, places: entityScope == nil ? nil : scope.milestones, started: scope.started,
                    stopped: scope.stopped, scope: scope)
            }
            return Selection(
                all: all, places: scope.milestones.filter(shown), started: scope.started, stopped: scope.stopped,
                scope: nil)
        }

        let measures = snapshot.measures
        let entityIDs = query.entities.map(\.id)
        let candidates =
            entityScope?.measures
            ?? (words.isEmpty ? everything.measures : catalog.measures(withWordsStartingWith: words))
        let measuresInScope = candidates.filter { position in
            let index = Int(position)
            return entityIDs.allSatisfy { id in
                measures[index].implementing.contains(id) || measures[index].affected.contains(id)
                    || measures[index].targetedFirms.contains(id)
            }
                && catalog.text(of: index, containsWordsStartingWith: words)
                && filter.matches(index, in: catalog)
        }
        let withWords = words.isEmpty ? nil : claims(withWordsStartingWith: words)
        let claims = (entityScope ?? everything).claims.filter { claim in
            guard entityIDs.allSatisfy(claimEntities[Int(claim)].contains) else { return false }
            if let withWords { return withWords.contains(sorted: claim) }
            return words.allSatisfy { ByteSearch.contains(claimText[Int(claim)], " " + $0) }
        }
        var places = measuresInScope.flatMap { ofMeasure[Int($0)] }
        for claim in claims where ofClaim[Int(claim)] >= 0 { places.append(ofClaim[Int(claim)]) }
        places.sort()
        if !undated { places.removeAll { !shown($0) } }
        let (started, stopped) = TimelineMilestones.inForceDays(of: measuresInScope, in: snapshot)
        return Selection(all: all, places: places, started: started, stopped: stopped, scope: nil)
    }

    /// The words of `q` that measures and claims must have (phrases as their words; exclusions apply
    /// to articles only).
    private static func words(of query: ArticleQuery) -> [String] {
        guard let text = query.text else { return [] }
        return Array(Set(text.words + text.phrases.flatMap { $0 })).sorted()
    }
}

/// Milestones counted per period by binary searches: the days of those dated at least as precisely as
/// the interval, by what they count as, and the measure milestones dated more coarsely (each counted
/// in `measures_imprecise` of every period its range overlaps). A class, so the tallies made at load
/// are passed to each request by one reference.
final class MilestoneTally: Sendable {
    /// The days of the milestones placed in periods, by what they count as.
    private let announced: DaysBefore
    private let inForce: DaysBefore
    private let removed: DaysBefore
    private let claims: DaysBefore
    /// The measure milestones dated more coarsely than the interval.
    private let coarse: DayRanges
    /// The first day of the earliest milestone and the last day of the latest one, if any.
    let firstDay: Int32?
    let lastDay: Int32?

    /// Lays out `milestones` (oldest first) for periods of `interval` (day and week read the same);
    /// `tabled` lets dense days be counted from tables, which pay for their making only over many
    /// requests (a tally made for one request searches its days).
    init(_ milestones: some Collection<TimelineResource.Milestone>, interval: TimelineInterval, tabled: Bool = true) {
        var announced: [Int32] = []
        var inForce: [Int32] = []
        var removed: [Int32] = []
        var claims: [Int32] = []
        var coarse: [(first: Int32, last: Int32)] = []
        var lastDay: Int32?
        for milestone in milestones {
            lastDay = max(lastDay ?? milestone.lastDay, milestone.lastDay)
            guard interval.isAsCoarse(as: milestone.precision) else {
                if milestone.isMeasure { coarse.append((milestone.day, milestone.lastDay)) }
                continue
            }
            switch milestone.kind {
            case .measureAnnounced: announced.append(milestone.day)
            case .measureInForce: inForce.append(milestone.day)
            case .measureRemoved, .measureSuspended: removed.append(milestone.day)
            case .claimDisputed: claims.append(milestone.day)
            case .articlePublished: break
            }
        }
        self.announced = DaysBefore(announced, tabled: tabled)
        self.inForce = DaysBefore(inForce, tabled: tabled)
        self.removed = DaysBefore(removed, tabled: tabled)
        self.claims = DaysBefore(claims, tabled: tabled)
        self.coarse = DayRanges(coarse)
        firstDay = milestones.first?.day
        self.lastDay = lastDay
    }

    /// Counts the milestones of the period `start..<next` into `bucket`.
    func count(into bucket: inout TimelineBucket, from start: Int32, before next: Int32) {
        func placed(_ days: DaysBefore) -> Int {
            days.count(before: next) - days.count(before: start)
        }
        bucket.measuresAnnounced = placed(announced)
        bucket.measuresInForce = placed(inForce)
        bucket.measuresRemoved = placed(removed)
        bucket.claims = placed(claims)
        bucket.measuresImprecise = coarse.overlapping(from: start, before: next)
    }
}

/// Date ranges (a first and a last day each) counted per period from their first days and their last
/// days.
struct DayRanges: Sendable {
    private let firstDays: DaysBefore
    private let lastDays: DaysBefore

    init(_ ranges: [(first: Int32, last: Int32)]) {
        firstDays = DaysBefore(ranges.map(\.first).sorted())
        lastDays = DaysBefore(ranges.map(\.last).sorted())
    }

    /// How many ranges start in `start..<next`.
    func starting(from start: Int32, before next: Int32) -> Int {
        firstDays.count(before: next) - firstDays.count(before: start)
    }

    /// How many ranges overlap `start..<next`: those starting before `next` less those ending before
    /// `start` (a range ends no earlier than it starts, so those are among the first).
    func overlapping(from start: Int32, before next: Int32) -> Int {
        firstDays.count(before: next) - lastDays.count(before: start)
    }
}

/// How many of some days (sorted) come before a given day: a binary search over a few, one read of a
/// table of running counts, a day each over their span, when many fill a short span (the unfiltered
/// timeline's thousands of milestones).
struct DaysBefore: Sendable {
    /// The days, ascending, when there is no table.
    private let days: [Int32]
    /// The first day of the table.
    private let first: Int32
    /// For each day from `first`, how many of the days come before it.
    private let table: [Int32]
    /// How many days there are.
    private let total: Int

    /// The fewest days worth a table, and the most table entries per day.
    private static let tableMinimum = 32
    private static let tableSpread = 8

    /// Counts `sorted`, from a table when `tabled` and the days are many over a short span.
    init(_ sorted: [Int32], tabled: Bool = true) {
        total = sorted.count
        guard tabled, sorted.count >= DaysBefore.tableMinimum, let first = sorted.first, let last = sorted.last,
            Int(last) - Int(first) < sorted.count * DaysBefore.tableSpread
        else {
            days = sorted
            first = 0
            table = []
            return
        }
        var table = [Int32](repeating: 0, count: Int(last - first) + 1)
        var index = 0
        for offset in table.indices {
            while index < sorted.count, sorted[index] < first + Int32(offset) { index += 1 }
            table[offset] = Int32(index)
        }
        days = []
        self.first = first
        self.table = table
    }

    /// How many of the days come before `day`.
    func count(before day: Int32) -> Int {
        if table.isEmpty { return days.partitioningIndex { $0 >= day } }
        if day <= first { return 0 }
        let offset = Int(day) - Int(first)
        return offset < table.count ? Int(table[offset]) : total
    }
}

extension [Int32] {
    /// Whether the array, ascending, holds `value` (a binary search).
    fileprivate func contains(sorted value: Int32) -> Bool {
        let index = partitioningIndex { $0 >= value }
        return index < count && self[index] == value
    }
}
