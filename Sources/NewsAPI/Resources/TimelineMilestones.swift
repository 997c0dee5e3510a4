/// The milestones of `/timeline`, made once per snapshot: every measure's and claim's in stream order,
/// and for the unfiltered timeline, each entity's and each jurisdiction's (`implementing` or `affected`
/// alone), which of them are in scope (all together and by kind), when the measures in scope came into
/// force and stopped, and their counts laid out for binary searches per period.
///
/// A request with no `q` and at most one entity reads a scope through its window (the kinds asked for,
/// `from`, `to`) by binary searches when its measure filter keeps all of the scope's measures; with any
/// other measure filter it reads the places of the smallest scope that holds what the filter keeps,
/// skipping the measures the filter drops. A request with `q` or several entities gathers its measures'
/// and claims' places in the one sorted list and sorts those integers.
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
    /// The measures each entity implements, and those affecting it, with every claim, by entity index
    /// (for the entities naming any): what `implementing` or `affected` keeps of the whole timeline.
    private let byImplementing: [Int32: Scope]
    private let byAffected: [Int32: Scope]
    /// Each measure's lifecycle days as plain values, by measure position, so the measure date filters
    /// read no strings.
    private let lifecycleDays: [LifecycleDays]
    /// Each claim's entity ids, by claim position.
    private let claimEntities: [[String]]
    /// Each claim's folded text, for `q` (see `ClaimsResource.searchText`).
    private let claimText: [String]
    /// The words of each claim's folded text, each with its claims, so the claims with a word beginning
    /// with a prefix are one binary search away.
    private let claimWords: WordPrefixIndex

    /// Some measures and claims, with their milestones and what counting those per period reads: a
    /// class, so a request reads a scope made at load through one reference, not a copy of its arrays.
    final class Scope: Sendable {
        /// The measures' positions, ascending.
        let measures: [Int32]
        /// The claims' positions, ascending.
        let claims: [Int32]
        /// Their milestones, as places in `all`, ascending (so in stream order).
        let milestones: [Int32]
        /// The same places by kind (indexed by `EventKind.order`; none for articles).
        let ofKind: [[Int32]]
        /// The most days any milestone's date spans after its first (0 when all are dated by day).
        let widestSpan: Int32
        /// The days the measures came into force, and the days they stopped, ascending.
        let started: [Int32]
        let stopped: [Int32]
        /// The measure that came into force on each day of `started`, and that stopped on each of
        /// `stopped`, so a request keeping some of the measures keeps their days without sorting.
        let startedMeasures: [Int32]
        let stoppedMeasures: [Int32]
        /// The milestones counted in day or week periods, and in month periods.
        let finer: MilestoneTally
        let monthly: MilestoneTally
        /// The same claims with only the measures of one status, type or evaluation, for each; none
        /// when the scope has no measures (it is then its own narrowing) or is itself a narrowing (but
        /// for the whole timeline's narrowings, narrowed again by the facets of the kinds after theirs).
        let narrowed: [MeasureFacet: Scope]

        /// The scope of the milestones at `places` (ascending) in `all`, of measures that came into
        /// force and stopped as `inForce` has it, narrowed to each facet by `narrowed`.
        init(
            measures: [Int32], claims: [Int32], places: [Int32], all: [Milestone], inForce: InForceDays,
            narrowed: [MeasureFacet: Scope]
        ) {
            let milestones = places.map { all[Int($0)] }
            var ofKind = [[Int32]](repeating: [], count: EventKind.allCases.count)
            for place in places { ofKind[all[Int(place)].kind.order].append(place) }
            self.measures = measures
            self.claims = claims
            self.milestones = places
            self.ofKind = ofKind
            widestSpan = milestones.map { $0.lastDay - $0.day }.max() ?? 0
            started = inForce.started.map(\.day)
            stopped = inForce.stopped.map(\.day)
            startedMeasures = inForce.started.map(\.measure)
            stoppedMeasures = inForce.stopped.map(\.measure)
            finer = MilestoneTally(milestones, interval: .day)
            monthly = MilestoneTally(milestones, interval: .month)
            self.narrowed = narrowed
        }

        /// This scope with only the measures of `facet`.
        func narrowed(to facet: MeasureFacet) -> Scope {
            narrowed[facet] ?? self
        }

        /// This scope with only the measures of every one of `facets` (one a kind, in `MeasureFacet.Kind`'s
        /// order), when it was narrowed that far at load; else `nil`.
        func narrowed(toEvery facets: [MeasureFacet]) -> Scope? {
            var scope = self
            for facet in facets where !scope.measures.isEmpty {
                guard let next = scope.narrowed[facet] else { return nil }
                scope = next
            }
            return scope
        }

        /// The days the measures in `kept` came into force and stopped, ascending (`started` and
        /// `stopped` with only theirs).
        func inForceDays(of kept: [Bool]) -> (started: [Int32], stopped: [Int32]) {
            func days(_ days: [Int32], _ measures: [Int32]) -> [Int32] {
                var result: [Int32] = []
                for (day, measure) in zip(days, measures) where kept[Int(measure)] { result.append(day) }
                return result
            }
            return (days(started, startedMeasures), days(stopped, stoppedMeasures))
        }

        /// The places of the milestones `window` keeps, ascending: a run of one list read in place when
        /// that is all of them, else the runs of each kind kept, merged.
        func places(in window: MilestoneWindow, of all: [Milestone]) -> ArraySlice<Int32> {
            if window.kinds.isEmpty { return clip(milestones[...], to: window, of: all) }
            let runs = EventKind.allCases.filter(window.kinds.contains).map { clip(ofKind[$0.order][...], to: window, of: all) }
                .filter { !$0.isEmpty }
            guard var merged = runs.first else { return [] }
            for run in runs.dropFirst() { merged = Scope.merge(merged, run)[...] }
            return merged
        }

        /// The places of `list` (ascending, all of this scope) whose dates overlap the window's
        /// days: those starting in `first`...`last` are one run, found by binary searches; those
        /// starting earlier but reaching `first` are among the `widestSpan` days before it.
        private func clip(_ list: ArraySlice<Int32>, to window: MilestoneWindow, of all: [Milestone]) -> ArraySlice<Int32> {
            let end = window.last.map { last in list.partitioningIndex { all[Int($0)].day > last } } ?? list.endIndex
            guard let first = window.first else { return list[..<end] }
            let start = min(end, list.partitioningIndex { all[Int($0)].day >= first })
            let reach = list[..<start].partitioningIndex { all[Int($0)].day >= first - widestSpan }
            let reaching = list[reach..<start].filter { all[Int($0)].lastDay >= first }
            return reaching.isEmpty ? list[start..<end] : (reaching + list[start..<end])[...]
        }

        /// Two ascending lists of places (with none in common) as one.
        private static func merge(_ left: ArraySlice<Int32>, _ right: ArraySlice<Int32>) -> [Int32] {
            var merged: [Int32] = []
            merged.reserveCapacity(left.count + right.count)
            var (l, r) = (left.startIndex, right.startIndex)
            while l < left.endIndex, r < right.endIndex {
                if left[l] < right[r] {
                    merged.append(left[l])
                    l += 1
                } else {
                    merged.append(right[r])
                    r += 1
                }
            }
            merged += left[l...]
            merged += right[r...]
            return merged
        }
    }

    /// The milestones one request shows, oldest first, with what counting them reads.
    struct Selection: Sendable {
        /// Every milestone, oldest first (`TimelineMilestones.all`).
        private let all: [Milestone]
        /// The scope made at load whose milestones are read through `window`, when there is one.
        private let scope: Scope?
        /// What counting reads of the tally: the request's window over a scope made at load, all of a
        /// tally made for the request (its milestones are already those shown).
        let window: MilestoneWindow
        /// Without a scope, the places in `all` of the milestones shown, ascending.
        private let gathered: [Int32]
        /// The days the measures in scope came into force, and the days they stopped, ascending (all of
        /// them: the stock in force does not follow `event`, `from` or `to`).
        let started: [Int32]
        let stopped: [Int32]

        /// The milestones of `scope` that `window` keeps.
        fileprivate init(all: [Milestone], scope: Scope, window: MilestoneWindow) {
            self.all = all
            self.scope = scope
            self.window = window
            gathered = []
            started = scope.started
            stopped = scope.stopped
        }

        /// The milestones at `places` (ascending), gathered for one request.
        fileprivate init(all: [Milestone], gathered places: [Int32], started: [Int32], stopped: [Int32]) {
            self.all = all
            scope = nil
            window = .everything
            gathered = places
            self.started = started
            self.stopped = stopped
        }

        /// The milestones shown, oldest first, read through their places (a counted timeline of a scope
        /// made at load never reads them).
        var milestones: MilestoneList {
            MilestoneList(all: all, places: scope?.places(in: window, of: all) ?? gathered[...])
        }

        /// How the milestones shown are counted in periods of `interval`: a scope's tally made at load,
        /// read through `window`, or one walk over those gathered.
        func counting(_ interval: TimelineInterval) -> MilestoneCounting {
            if let scope { return .tally(interval == .month ? scope.monthly : scope.finer, window) }
            return .walk(MilestoneWalk(all: all, places: gathered, interval: interval))
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
        // A scope and its narrowings to each facet of `narrowing` (those with no measure share one scope),
        // each narrowed again to the facets of the kinds after its own when `twice`.
        func scope(
            measures: [Int32], claims: [Int32], narrowing: [MeasureFacet] = MeasureFacet.all, twice: Bool = false
        ) -> Scope {
            var narrowed: [MeasureFacet: Scope] = [:]
            if !narrowing.isEmpty, !measures.isEmpty {
                let claimsOnly = scope(measures: [], claims: claims, narrowing: [])
                for facet in narrowing {
                    let kept = measures.filter { facet.holds(for: Int($0), in: snapshot) }
                    let again = twice ? narrowing.filter { $0.kind > facet.kind } : []
                    narrowed[facet] = kept.isEmpty ? claimsOnly : scope(measures: kept, claims: claims, narrowing: again)
                }
            }
            let places = (measures.flatMap { ofMeasure[Int($0)] } + claims.map { ofClaim[Int($0)] }.filter { $0 >= 0 }).sorted()
            return Scope(
                measures: measures, claims: claims, places: places, all: all,
                inForce: TimelineMilestones.inForceDays(of: measures, in: snapshot), narrowed: narrowed)
        }
        let everyClaim = snapshot.claims.indices.map { Int32($0) }
        // The whole timeline also keeps ready each pair of facets of two kinds (a status and a type, say).
        everything = scope(measures: snapshot.measures.indices.map { Int32($0) }, claims: everyClaim, twice: true)
        byEntity = snapshot.entities.indices.map { index in
            let measures = Set(
                snapshot.measuresByImplementing[index] + snapshot.measuresByAffected[index]
                    + snapshot.measuresByTargetedFirm[index])
            return scope(measures: measures.sorted(), claims: snapshot.claimsByEntity[index])
        }
        // Each jurisdiction's measures with every claim, as `implementing` or `affected` alone keeps them.
        func jurisdictionScopes(_ lists: [[Int32]]) -> [Int32: Scope] {
            var scopes: [Int32: Scope] = [:]
            for (index, measures) in lists.enumerated() where !measures.isEmpty {
                scopes[Int32(index)] = scope(measures: measures, claims: everyClaim, narrowing: [])
            }
            return scopes
        }
        byImplementing = jurisdictionScopes(snapshot.measuresByImplementing)
        byAffected = jurisdictionScopes(snapshot.measuresByAffected)
        lifecycleDays = zip(snapshot.measures, snapshot.measureLifecycles).map(LifecycleDays.init)
        self.all = all
        self.claimDates = claimDates
        self.ofMeasure = ofMeasure
        self.ofClaim = ofClaim
        claimEntities = snapshot.claims.map(\.entityIDs)
        claimText = snapshot.claims.map(ClaimsResource.searchText)
        claimWords = WordPrefixIndex(texts: claimText)
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

    /// When some measures came into force and when they stopped, each day with its measure, by day.
    typealias InForceDays = (started: [(day: Int32, measure: Int32)], stopped: [(day: Int32, measure: Int32)])

    /// When each of the measures came into force, and when each stopped, sorted by day. The stock in
    /// force on a day is (came into force on or before it) − (stopped on or before it); an end never
    /// counts before its start, so each subtraction pairs with an addition.
    private static func inForceDays(of measures: [Int32], in snapshot: CorpusSnapshot) -> InForceDays {
        let lifecycles = snapshot.measureLifecycles
        var started: [(day: Int32, measure: Int32)] = []
        var stopped: [(day: Int32, measure: Int32)] = []
        for position in measures {
            guard let start = lifecycles[Int(position)].inForce?.day else { continue }
            started.append((start, position))
            if let end = lifecycles[Int(position)].ended?.day { stopped.append((max(end, start), position)) }
        }
        func byDay(_ days: [(day: Int32, measure: Int32)]) -> [(day: Int32, measure: Int32)] {
            days.sorted { $0.day != $1.day ? $0.day < $1.day : $0.measure < $1.measure }
        }
        return (byDay(started), byDay(stopped))
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
        let window = MilestoneWindow(kinds: kinds, first: query.firstDay, last: query.lastDay)

        // One entity or none, no words and no measure filter, or one status, type or evaluation (over the
        // whole timeline, one value of two or three of them): a scope made at load, read through the window.
        // Any other measure filter reads the smallest scope made at load that holds every measure it keeps.
        if words.isEmpty, query.entities.count <= 1, query.entities.isEmpty || entityScope != nil {
            let scope = entityScope ?? everything
            if filter.isEmpty { return Selection(all: all, scope: scope, window: window) }
            if let facets = MeasureFacet.facets(of: filter), let narrowed = scope.narrowed(toEvery: facets) {
                return Selection(all: all, scope: narrowed, window: window)
            }
            let narrowest = narrowest(scope, for: filter, whole: entityScope == nil, in: snapshot)
            return selection(of: narrowest, filteredBy: filter, window: window, catalog: catalog)
        }

        let measures = snapshot.measures
        let entityIDs = query.entities.map(\.id)
        // With words and no entity, the measures holding the words, found in the index of their words.
        let withWords = entityScope == nil && !words.isEmpty ? catalog.measures(withWordsStartingWith: words) : nil
        let candidates =
            withWords ?? TimelineMilestones.candidates(in: entityScope ?? everything, for: filter, catalog: catalog)
        let measuresInScope = candidates.filter { position in
            let index = Int(position)
            return entityIDs.allSatisfy { id in
                measures[index].implementing.contains(id) || measures[index].affected.contains(id)
                    || measures[index].targetedFirms.contains(id)
            }
                && (withWords != nil || catalog.text(of: index, containsWordsStartingWith: words))
                && filter.matches(index, in: catalog)
        }
        let claimsWithWords = words.isEmpty ? nil : claimWords.texts(withWordsStartingWith: words)
        let claims = (entityScope ?? everything).claims.filter { claim in
            guard entityIDs.allSatisfy(claimEntities[Int(claim)].contains) else { return false }
            if let claimsWithWords { return claimsWithWords.contains(sorted: claim) }
            return words.allSatisfy { ByteSearch.contains(claimText[Int(claim)], " " + $0) }
        }
        var places = measuresInScope.flatMap { ofMeasure[Int($0)] }
        for claim in claims where ofClaim[Int(claim)] >= 0 { places.append(ofClaim[Int(claim)]) }
        places.sort()
        if !window.isEverything { places.removeAll { !window.keeps(all[Int($0)]) } }
        let inForce = TimelineMilestones.inForceDays(of: measuresInScope, in: snapshot)
        return Selection(all: all, gathered: places, started: inForce.started.map(\.day), stopped: inForce.stopped.map(\.day))
    }

    /// The milestones of `scope` that `window` keeps, of its claims and of the measures `filter` keeps:
    /// the scope itself when the filter keeps all its measures, else its places (already in order) read
    /// through the measures kept, so nothing is sorted.
    private func selection(
        of scope: Scope, filteredBy filter: MeasureFilter, window: MilestoneWindow, catalog: MeasureCatalog
    ) -> Selection {
        // The date filters are read off plain days; the rest of the filter then reads no lifecycle.
        let (undated, dates) = filter.period == (nil, nil) ? filter.splittingLifecycleDates() : (filter, nil)
        var kept = [Bool](repeating: false, count: catalog.snapshot.measures.count)
        for position in TimelineMilestones.candidates(in: scope, for: filter, catalog: catalog)
        where dates.map({ lifecycleDays[Int(position)].passes($0) }) ?? true && undated.matches(Int(position), in: catalog) {
            kept[Int(position)] = true
        }
        if scope.measures.allSatisfy({ kept[Int($0)] }) { return Selection(all: all, scope: scope, window: window) }
        let places = scope.places(in: window, of: all).filter { place in
            let milestone = all[Int(place)]
            return !milestone.isMeasure || kept[Int(milestone.subject)]
        }
        let (started, stopped) = scope.inForceDays(of: kept)
        return Selection(all: all, gathered: places, started: started, stopped: stopped)
    }

    /// The scope made at load with the fewest milestones that has the claims of `scope` and every
    /// measure of it that `filter` keeps: `scope` or one of its narrowings, or, over the `whole` timeline,
    /// the measures of a jurisdiction the filter requires with every claim.
    private func narrowest(_ scope: Scope, for filter: MeasureFilter, whole: Bool, in snapshot: CorpusSnapshot) -> Scope {
        var scopes = TimelineMilestones.narrowings(of: scope, for: filter)
        if whole {
            let required = filter.requiredEntities(in: snapshot)
            scopes += required.implementing.compactMap { byImplementing[$0] } + required.affected.compactMap { byAffected[$0] }
        }
        return scopes.min { $0.milestones.count < $1.milestones.count }!
    }

    /// The fewest measures known to hold every measure of `scope` that `filter` keeps (the filter still
    /// applies to them, and those outside `scope` are not in its milestones): those of `scope` or of one
    /// of its narrowings, or the catalog's candidates for the filter.
    private static func candidates(in scope: Scope, for filter: MeasureFilter, catalog: MeasureCatalog) -> [Int32] {
        let lists = narrowings(of: scope, for: filter).map(\.measures) + [catalog.candidates(for: filter)].compactMap { $0 }
        return lists.min { $0.count < $1.count }!
    }

    /// `scope` and its narrowings to the one status, type or evaluation `filter` asks for: each holds
    /// every measure of `scope` that the filter keeps.
    private static func narrowings(of scope: Scope, for filter: MeasureFilter) -> [Scope] {
        var scopes = [scope]
        if filter.statuses.count == 1 { scopes.append(scope.narrowed(to: .status(filter.statuses[0]))) }
        if filter.types.count == 1 { scopes.append(scope.narrowed(to: .type(filter.types[0]))) }
        if filter.evaluations.count == 1 { scopes.append(scope.narrowed(to: .evaluation(filter.evaluations[0]))) }
        return scopes
    }

    /// The words of `q` that measures and claims must have (phrases as their words; exclusions apply
    /// to articles only).
    private static func words(of query: ArticleQuery) -> [String] {
        guard let text = query.text else { return [] }
        return Array(Set(text.words + text.phrases.flatMap { $0 })).sorted()
    }
}

/// A measure's announcement, coming into force and end as plain days, for the measure date filters of
/// `/timeline` (the same rules as `MeasureFilter.matches`).
struct LifecycleDays: Sendable {
    /// A date's range of days.
    typealias Days = (first: Int32, last: Int32)

    let announced: Days?
    let inForce: Days?
    let ended: Days?
    /// The days the measure counts as in force from and as stopped from (`MeasureLifecycle.Boundary.day`).
    let inForceFrom: Int32?
    let endedFrom: Int32?

    init(_ measure: TradeMeasure, _ lifecycle: MeasureLifecycle) {
        announced = measure.dateAnnounced.map { ($0.day, $0.lastDay) }
        inForce = lifecycle.inForce.map { ($0.date.day, $0.date.lastDay) }
        ended = lifecycle.ended.map { ($0.date.day, $0.date.lastDay) }
        inForceFrom = lifecycle.inForce?.day
        endedFrom = lifecycle.ended?.day
    }

    /// Whether the measure passes the date filters of `filter` (`in_force_on` and the announced, in-force
    /// and removed periods; not `from`/`to`).
    func passes(_ filter: LifecycleDateFilter) -> Bool {
        if let day = filter.inForceOn {
            guard let inForceFrom, inForceFrom <= day, endedFrom.map({ day < $0 }) ?? true else { return false }
        }
        return LifecycleDays.overlaps(announced, filter.announced) && LifecycleDays.overlaps(inForce, filter.inForce)
            && LifecycleDays.overlaps(ended, filter.removed)
    }

    /// Whether `days` overlap the period; with no period set, anything passes, and with one set, a
    /// missing date fails.
    private static func overlaps(_ days: Days?, _ period: (first: Int32?, last: Int32?)) -> Bool {
        if period.first == nil, period.last == nil { return true }
        guard let days else { return false }
        if let first = period.first, days.last < first { return false }
        if let last = period.last, days.first > last { return false }
        return true
    }
}

/// The lifecycle date filters of a measure filter, read by `LifecycleDays.passes`.
struct LifecycleDateFilter {
    let inForceOn: Int32?
    let announced: (first: Int32?, last: Int32?)
    let inForce: (first: Int32?, last: Int32?)
    let removed: (first: Int32?, last: Int32?)
}

extension MeasureFilter {
    /// The filter without its lifecycle date filters, and those filters (`nil` when it has none).
    fileprivate func splittingLifecycleDates() -> (MeasureFilter, LifecycleDateFilter?) {
        guard inForceOn != nil || announced != (nil, nil) || inForce != (nil, nil) || removed != (nil, nil) else {
            return (self, nil)
        }
        var undated = self
        undated.inForceOn = nil
        undated.announced = (nil, nil)
        undated.inForce = (nil, nil)
        undated.removed = (nil, nil)
        return (undated, LifecycleDateFilter(inForceOn: inForceOn, announced: announced, inForce: inForce, removed: removed))
    }
}

/// One value of a measure's own status, type or evaluation: a measure filter asking for exactly one,
/// whose milestones each scope keeps ready, or (over the whole timeline) for one of each of two kinds
/// (see `TimelineMilestones.Scope.narrowed`).
enum MeasureFacet: Hashable, Sendable {
    case status(MeasureStatus)
    case type(MeasureType)
    case evaluation(MeasureEvaluation)

    /// Every value of each.
    static let all: [MeasureFacet] =
        MeasureStatus.allCases.map(MeasureFacet.status) + MeasureType.allCases.map(MeasureFacet.type)
        + MeasureEvaluation.allCases.map(MeasureFacet.evaluation)

    /// Status, type and evaluation, in the order a scope is narrowed by them.
    enum Kind: Comparable, Sendable {
        case status, type, evaluation
    }

    /// Which of the three this is a value of.
    var kind: Kind {
        switch self {
        case .status: .status
        case .type: .type
        case .evaluation: .evaluation
        }
    }

    /// The facets `filter` asks for, in `Kind`'s order, when it asks for one value of each of some of
    /// them and nothing else; else `nil`.
    static func facets(of filter: MeasureFilter) -> [MeasureFacet]? {
        guard filter.implementing.isEmpty, filter.affected.isEmpty, filter.words.isEmpty, filter.inForceOn == nil,
            filter.period == (nil, nil), filter.announced == (nil, nil), filter.inForce == (nil, nil),
            filter.removed == (nil, nil)
        else { return nil }
        let statuses = Set(filter.statuses)
        let types = Set(filter.types)
        let evaluations = Set(filter.evaluations)
        guard statuses.count <= 1, types.count <= 1, evaluations.count <= 1 else { return nil }
        let facets = statuses.map(MeasureFacet.status) + types.map(MeasureFacet.type) + evaluations.map(MeasureFacet.evaluation)
        return facets.isEmpty ? nil : facets
    }

    /// Whether the measure at `position` has this value.
    func holds(for position: Int, in snapshot: CorpusSnapshot) -> Bool {
        switch self {
        case .status(let status): snapshot.measures[position].status == status
        case .type(let type): snapshot.measures[position].measureType == type
        case .evaluation(let evaluation): snapshot.measures[position].evaluation == evaluation
        }
    }
}

/// What a request keeps of a scope's milestones: the kinds asked for (all when none is), dated in
/// `first`...`last` (a milestone is kept when its date's range overlaps those days).
struct MilestoneWindow: Sendable {
    typealias EventKind = TimelineResource.EventKind

    /// The kinds kept; empty for all of them.
    let kinds: [EventKind]
    /// The first and last day kept (`from` and `to`), when set.
    let first: Int32?
    let last: Int32?

    /// Every milestone.
    static let everything = MilestoneWindow(kinds: [], first: nil, last: nil)

    /// Whether the window keeps every milestone.
    var isEverything: Bool { kinds.isEmpty && first == nil && last == nil }

    /// Whether milestones of `kind` are kept (on their days).
    func keeps(_ kind: EventKind) -> Bool { kinds.isEmpty || kinds.contains(kind) }

    /// Whether `milestone` is kept: of a kind kept, its date's range overlapping `first`...`last`.
    func keeps(_ milestone: TimelineResource.Milestone) -> Bool {
        if !keeps(milestone.kind) { return false }
        if let first, milestone.lastDay < first { return false }
        if let last, milestone.day > last { return false }
        return true
    }
}

/// Some of the milestones, oldest first, read through their places in the one sorted list (no copies
/// of the milestones).
struct MilestoneList: RandomAccessCollection, Sendable {
    /// Every milestone, oldest first.
    private let all: [TimelineResource.Milestone]
    /// The places of those in this list, ascending.
    private let places: ArraySlice<Int32>

    init(all: [TimelineResource.Milestone], places: ArraySlice<Int32>) {
        self.all = all
        self.places = places
    }

    var startIndex: Int { 0 }
    var endIndex: Int { places.count }

    subscript(position: Int) -> TimelineResource.Milestone {
        all[Int(places[places.startIndex + position])]
    }
}

/// Milestones counted per period by binary searches, kind by kind, so a request's window (some kinds,
/// `from`/`to`) is read from the same tally: the date ranges of those dated at least as precisely as
/// the interval (each within one period), and of the measure milestones dated more coarsely (each
/// counted in `measures_imprecise` of every period its range overlaps). A class, so the tallies made
/// at load are passed to each request by one reference.
final class MilestoneTally: Sendable {
    typealias EventKind = TimelineResource.EventKind

    /// The milestones placed in periods, by kind.
    private let announced: DayRanges
    private let inForce: DayRanges
    private let removed: DayRanges
    private let suspended: DayRanges
    private let claims: DayRanges
    /// The measure milestones dated more coarsely than the interval, by kind.
    private let coarseAnnounced: DayRanges
    private let coarseInForce: DayRanges
    private let coarseRemoved: DayRanges
    private let coarseSuspended: DayRanges
    /// Removals and suspensions together, and the coarse measure milestones of every kind together:
    /// what a window keeping all of them (most requests) reads, one search each.
    private let removals: DayRanges
    private let coarse: DayRanges
    /// The first day of each kind's earliest milestone and the last day of its latest, by
    /// `EventKind.order` (`nil` for a kind with none).
    private let firstDays: [Int32?]
    private let lastDays: [Int32?]

    /// Lays out `milestones` (oldest first) for periods of `interval` (day and week read the same).
    init(_ milestones: some Collection<TimelineResource.Milestone>, interval: TimelineInterval) {
        var placed = [[(first: Int32, last: Int32)]](repeating: [], count: EventKind.allCases.count)
        var coarse = placed
        var firstDays = [Int32?](repeating: nil, count: EventKind.allCases.count)
        var lastDays = firstDays
        for milestone in milestones {
            let kind = milestone.kind.order
            firstDays[kind] = min(firstDays[kind] ?? milestone.day, milestone.day)
            lastDays[kind] = max(lastDays[kind] ?? milestone.lastDay, milestone.lastDay)
            if interval.isAsCoarse(as: milestone.precision) {
                placed[kind].append((milestone.day, milestone.lastDay))
            } else if milestone.isMeasure {
                coarse[kind].append((milestone.day, milestone.lastDay))
            }
        }
        func ranges(_ lists: [[(first: Int32, last: Int32)]], _ kind: EventKind) -> DayRanges {
            DayRanges(lists[kind.order])
        }
        announced = ranges(placed, .measureAnnounced)
        inForce = ranges(placed, .measureInForce)
        removed = ranges(placed, .measureRemoved)
        suspended = ranges(placed, .measureSuspended)
        claims = ranges(placed, .claimDisputed)
        coarseAnnounced = ranges(coarse, .measureAnnounced)
        coarseInForce = ranges(coarse, .measureInForce)
        coarseRemoved = ranges(coarse, .measureRemoved)
        coarseSuspended = ranges(coarse, .measureSuspended)
        removals = DayRanges(placed[EventKind.measureRemoved.order] + placed[EventKind.measureSuspended.order])
        self.coarse = DayRanges(coarse.flatMap { $0 })
        self.firstDays = firstDays
        self.lastDays = lastDays
    }

    /// The first day of the earliest milestone of a kind `window` keeps that starts on or before its
    /// last day: the earliest kept when the window has no first day (the only case periods read).
    func firstDay(in window: MilestoneWindow) -> Int32? {
        var earliest: Int32?
        for kind in EventKind.allCases where window.keeps(kind) {
            guard let day = firstDays[kind.order], window.last.map({ day <= $0 }) ?? true else { continue }
            earliest = min(earliest ?? day, day)
        }
        return earliest
    }

    /// The last day of the latest milestone of a kind `window` keeps that ends on or after its first
    /// day: the latest kept when the window has no last day (the only case periods read).
    func lastDay(in window: MilestoneWindow) -> Int32? {
        var latest: Int32?
        for kind in EventKind.allCases where window.keeps(kind) {
            guard let day = lastDays[kind.order], window.first.map({ day >= $0 }) ?? true else { continue }
            latest = max(latest ?? day, day)
        }
        return latest
    }

    /// Counts into `bucket` the milestones `window` keeps of the period `start..<next`, a period of
    /// the tally's interval that overlaps the window's days (as every period of a timeline does).
    /// Those kept are the ones whose range overlaps both the period and the window, so each count is
    /// of the ranges overlapping their common days; a placed range lies within one period.
    func count(into bucket: inout TimelineBucket, from start: Int32, before next: Int32, in window: MilestoneWindow) {
        let first = max(start, window.first ?? start)
        let end = min(next, window.last.map { $0 + 1 } ?? next)
        guard first < end else { return }
        func kept(_ ranges: DayRanges, _ kind: EventKind) -> Int {
            window.keeps(kind) ? ranges.overlapping(from: first, before: end) : 0
        }
        bucket.measuresAnnounced = kept(announced, .measureAnnounced)
        bucket.measuresInForce = kept(inForce, .measureInForce)
        bucket.claims = kept(claims, .claimDisputed)
        if window.kinds.isEmpty {
            bucket.measuresRemoved = removals.overlapping(from: first, before: end)
            bucket.measuresImprecise = coarse.overlapping(from: first, before: end)
        } else {
            bucket.measuresRemoved = kept(removed, .measureRemoved) + kept(suspended, .measureSuspended)
            bucket.measuresImprecise =
                kept(coarseAnnounced, .measureAnnounced) + kept(coarseInForce, .measureInForce)
                + kept(coarseRemoved, .measureRemoved) + kept(coarseSuspended, .measureSuspended)
        }
    }
}

/// Date ranges (a first and a last day each) counted per period from their first days and their last
/// days.
struct DayRanges: Sendable {
    private let firstDays: DaysBefore
    private let lastDays: DaysBefore

    /// Lays out `ranges` (see `DaysBefore`); ranges of one day each share one layout.
    init(_ ranges: [(first: Int32, last: Int32)]) {
        let firsts = ranges.map(\.first).sorted()
        let lasts = ranges.map(\.last).sorted()
        firstDays = DaysBefore(firsts)
        lastDays = firsts == lasts ? firstDays : DaysBefore(lasts)
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

    /// Counts `sorted`, from a table when the days are many over a short span.
    init(_ sorted: [Int32]) {
        total = sorted.count
        guard sorted.count >= DaysBefore.tableMinimum, let first = sorted.first, let last = sorted.last,
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
