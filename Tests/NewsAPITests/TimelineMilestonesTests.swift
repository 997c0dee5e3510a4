import Foundation
import Testing

@testable import NewsAPI

/// What `/timeline` makes once per snapshot gives what gathering and sorting per request gave: on a
/// generated corpus, for no entity and for every entity, the same milestones in the same order, the
/// same in-force days and the same counts per period; the claims found by word are those a byte search
/// of each claim's text finds; and the counting and writing helpers agree with the plain way.
@Suite struct TimelineMilestonesTests {
    typealias Milestone = TimelineResource.Milestone

    /// A generated corpus: 1,000 articles, 500 measures (some dated by month or year), 250 claims.
    private static let generated = Result { try CorpusFixture.generated(articles: 1000, seed: 23) }

    private static let milestones: Result<TimelineMilestones, any Error> = Result {
        TimelineMilestones(snapshot: try generated.get())
    }

    private static let catalog: Result<MeasureCatalog, any Error> = Result {
        MeasureCatalog(snapshot: try generated.get())
    }

    /// The selection for a `/timeline` query string.
    private func selection(_ query: String) throws -> TimelineMilestones.Selection {
        let snapshot = try Self.generated.get()
        var parameters = QueryParameters(Request(method: .get, target: "/timeline?\(query)").query)
        let articleQuery = ArticleQuery(reading: &parameters, in: snapshot, listing: false)
        let filter = MeasureFilter(reading: &parameters, in: snapshot, readsText: false, readsPeriod: false)
        let kinds = parameters.choices("event", of: TimelineResource.EventKind.self)
        try parameters.validate()
        return try Self.milestones.get().selection(articleQuery, filter, kinds: kinds, catalog: Self.catalog.get())
    }

    /// The milestones of the measures and claims naming `entity` (all of them for `nil`), gathered and
    /// sorted as each request used to: by day, then kind, then the measure's id or the claim's position.
    private func gathered(about entity: String?, in snapshot: CorpusSnapshot) -> [Milestone] {
        var milestones: [Milestone] = []
        for (position, measure) in snapshot.measures.enumerated() {
            if let entity, !(measure.implementing + measure.affected + measure.targetedFirms).contains(entity) { continue }
            let lifecycle = snapshot.measureLifecycles[position]
            if let date = measure.dateAnnounced {
                milestones.append(
                    Milestone(kind: .measureAnnounced, subject: Int32(position), date: date, origin: .init(date.origin)))
            }
            if let start = lifecycle.inForce {
                milestones.append(
                    Milestone(kind: .measureInForce, subject: Int32(position), date: start.date, origin: start.origin))
            }
            if let end = lifecycle.ended {
                let kind: TimelineResource.EventKind = measure.status == .suspended ? .measureSuspended : .measureRemoved
                milestones.append(Milestone(kind: kind, subject: Int32(position), date: end.date, origin: end.origin))
            }
        }
        for (position, claim) in snapshot.claims.enumerated() {
            if let entity, !claim.entityIDs.contains(entity) { continue }
            let dates = claim.claims.compactMap {
                snapshot.article(id: $0.articleID).map { snapshot.article(at: $0).publishedAt }
            }
            if let last = dates.max(by: { ($0.day, $0.lastDay) < ($1.day, $1.lastDay) }) {
                milestones.append(Milestone(kind: .claimDisputed, subject: Int32(position), date: last, origin: nil))
            }
        }
        func rank(_ milestone: Milestone) -> String {
            milestone.isMeasure ? snapshot.measures[Int(milestone.subject)].id : String(format: "%08d", milestone.subject)
        }
        return milestones.sorted { left, right in
            if left.day != right.day { return left.day < right.day }
            if left.kind != right.kind { return left.kind.order < right.kind.order }
            return rank(left) < rank(right)
        }
    }

    private func same(_ left: some Collection<Milestone>, _ right: [Milestone]) -> Bool {
        left.count == right.count
            && zip(left, right).allSatisfy { l, r in
                l.day == r.day && l.lastDay == r.lastDay && l.precision == r.precision && l.kind == r.kind
                    && l.subject == r.subject && l.origin == r.origin
            }
    }

    /// Each period's counts as the buckets used to make them, by walking the milestones.
    private func walked(_ milestones: [Milestone], _ interval: TimelineInterval, from start: Int32, before next: Int32) -> [Int] {
        var counts = [0, 0, 0, 0, 0]
        for milestone in milestones
        where milestone.day >= start && milestone.day < next && interval.isAsCoarse(as: milestone.precision) {
            switch milestone.kind {
            case .measureAnnounced: counts[0] += 1
            case .measureInForce: counts[1] += 1
            case .measureRemoved, .measureSuspended: counts[2] += 1
            case .claimDisputed: counts[3] += 1
            case .articlePublished: break
            }
        }
        counts[4] =
            milestones.filter { $0.isMeasure && !interval.isAsCoarse(as: $0.precision) && $0.day < next && $0.lastDay >= start }
            .count
        return counts
    }

    /// A period's milestone counts: announced, in force, removed, claims and imprecise.
    private func counts(_ bucket: TimelineBucket) -> [Int] {
        [bucket.measuresAnnounced, bucket.measuresInForce, bucket.measuresRemoved, bucket.claims, bucket.measuresImprecise]
    }

    /// Compares every period of each interval (or of `intervals`) that a timeline shows: over the
    /// milestones' span, or from the window's first day and through its last when it has them. The
    /// periods are counted all in one run, each alone, and the later half in one run.
    private func expectSameCounts(
        _ selection: TimelineMilestones.Selection, _ expected: [Milestone], _ label: String,
        from firstDay: Int32? = nil, through lastDay: Int32? = nil, intervals: [TimelineInterval] = TimelineInterval.allCases
    ) {
        for interval in intervals {
            let counting = selection.counting(interval)
            if firstDay == nil { #expect(counting.firstDay == expected.map(\.day).min(), "\(label) \(interval)") }
            if lastDay == nil { #expect(counting.lastDay == expected.map(\.lastDay).max(), "\(label) \(interval)") }
            guard let first = firstDay ?? expected.first?.day, let last = lastDay ?? expected.map(\.lastDay).max() else {
                continue
            }
            var periods: [TimelineBucket] = []
            var start = interval.start(of: first)
            while start <= last {
                let next = interval.next(after: start)
                periods.append(TimelineBucket(start: start, end: next - 1))
                start = next
            }
            let walkedCounts = periods.map { walked(expected, interval, from: $0.start, before: $0.end + 1) }
            var together = periods
            counting.count(into: &together)
            #expect(together.map(counts) == walkedCounts, "\(label) \(interval)")
            for (index, period) in periods.enumerated() {
                var alone = [period]
                counting.count(into: &alone)
                #expect(counts(alone[0]) == walkedCounts[index], "\(label) \(interval) \(period.start)")
            }
            var later = Array(periods[(periods.count / 2)...])
            counting.count(into: &later)
            #expect(later.map(counts) == Array(walkedCounts[(periods.count / 2)...]), "\(label) \(interval) later half")
        }
    }

    /// Checks a selection against plain filtering of the milestones in its scope by kind and window: the
    /// milestones it lists, the in-force days it keeps, and its counts; returns the milestones expected.
    @discardableResult
    private func expectSelection(
        _ selection: TimelineMilestones.Selection, of inScope: [Milestone], kinds: [TimelineResource.EventKind],
        from first: Int32?, through last: Int32?, interval: TimelineInterval, _ label: String,
        in snapshot: CorpusSnapshot
    ) -> [Milestone] {
        let expected = inScope.filter {
            (kinds.isEmpty || kinds.contains($0.kind)) && $0.lastDay >= (first ?? .min) && $0.day <= (last ?? .max)
        }
        #expect(same(selection.milestones, expected), "\(label)")
        let (started, stopped) = inForceDays(inScope, in: snapshot)
        #expect(selection.started == started && selection.stopped == stopped, "\(label)")
        expectSameCounts(selection, expected, label, from: first, through: last, intervals: [interval])
        return expected
    }

    private func inForceDays(_ milestones: [Milestone], in snapshot: CorpusSnapshot) -> ([Int32], [Int32]) {
        let measures = Set(milestones.filter(\.isMeasure).map(\.subject))
        var started: [Int32] = []
        var stopped: [Int32] = []
        for (position, lifecycle) in snapshot.measureLifecycles.enumerated() where measures.contains(Int32(position)) {
            guard let start = lifecycle.inForce else { continue }
            started.append(start.day)
            if let end = lifecycle.ended { stopped.append(max(end.day, start.day)) }
        }
        return (started.sorted(), stopped.sorted())
    }

    @Test func theUnfilteredTimelineHasEveryMilestoneInOrder() throws {
        let snapshot = try Self.generated.get()
        #expect(snapshot.measures.contains { $0.dateAnnounced?.precision == .year })
        let expected = gathered(about: nil, in: snapshot)
        let selection = try selection("")
        #expect(same(selection.milestones, expected))
        let all = try Self.milestones.get().all
        #expect(same(all, expected))
        let (started, stopped) = inForceDays(expected, in: snapshot)
        #expect(selection.started == started && selection.stopped == stopped)
        expectSameCounts(selection, expected, "all")
    }

    @Test func eachEntityTimelineIsWhatGatheringAndSortingGave() throws {
        let snapshot = try Self.generated.get()
        var entitiesWithMilestones = 0
        for entity in snapshot.entities {
            let expected = gathered(about: entity.id, in: snapshot)
            let selection = try selection("entity=\(entity.id)")
            #expect(same(selection.milestones, expected), "\(entity.id)")
            // Measures without a milestone still count in the stock in force; every one here has one.
            let measures = snapshot.measures.indices.filter { position in
                let measure = snapshot.measures[position]
                return (measure.implementing + measure.affected + measure.targetedFirms).contains(entity.id)
            }
            #expect(Set(measures.map(Int32.init)).isSubset(of: Set(expected.filter(\.isMeasure).map(\.subject))))
            let (started, stopped) = inForceDays(expected, in: snapshot)
            #expect(selection.started == started && selection.stopped == stopped, "\(entity.id)")
            expectSameCounts(selection, expected, entity.id)
            if !expected.isEmpty { entitiesWithMilestones += 1 }
        }
        #expect(entitiesWithMilestones > 100)
    }

    @Test func kindsAndDatesKeepTheOrderAndTheStock() throws {
        let snapshot = try Self.generated.get()
        let entity = try #require(
            snapshot.entities.max { gathered(about: $0.id, in: snapshot).count < gathered(about: $1.id, in: snapshot).count })
        let all = gathered(about: entity.id, in: snapshot)
        let first = all[all.count / 3].day
        let last = all[all.count * 2 / 3].day
        let selection = try selection(
            "entity=\(entity.id)&event=measure_in_force&event=claim_disputed&from=\(CalendarDay.isoString(of: first))&to=\(CalendarDay.isoString(of: last))"
        )
        let expected = all.filter {
            ($0.kind == .measureInForce || $0.kind == .claimDisputed) && $0.lastDay >= first && $0.day <= last
        }
        #expect(!expected.isEmpty)
        #expect(same(selection.milestones, expected))
        let (started, stopped) = inForceDays(all, in: snapshot)
        #expect(selection.started == started && selection.stopped == stopped)
        expectSameCounts(selection, expected, "filtered", from: first, through: last)
    }

    /// Random windows (kinds, `from`, `to`) and one value of some of status, type and evaluation, read
    /// from the scopes made at load (two kinds over the whole timeline from its narrowings' narrowings),
    /// list and count what filtering the gathered milestones gives.
    @Test func windowsOverScopesAreWhatFilteringGives() throws {
        let snapshot = try Self.generated.get()
        var random = SplitMix(seed: 16)
        func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
        let busiest = snapshot.entities.map(\.id).sorted {
            gathered(about: $0, in: snapshot).count > gathered(about: $1, in: snapshot).count
        }
        // No entity, and entities with many milestones or a few.
        let entities: [String?] = Array(repeating: nil, count: 10) + busiest.prefix(100).map(Optional.some)
        let all = gathered(about: nil, in: snapshot)
        let (oldest, newest) = (all.first!.day, all.map(\.lastDay).max()!)
        var narrowed = 0
        var narrowedTwice = 0
        for round in 0..<300 {
            let entity = pick(entities)
            let kinds = TimelineResource.EventKind.allCases.filter { _ in random.next() % 3 == 0 }
            let status = pick(MeasureStatus.allCases)
            let type = pick(MeasureType.allCases)
            let evaluation = pick(MeasureEvaluation.allCases)
            let ofStatus = { (position: Int) in snapshot.measures[position].status == status }
            let ofType = { (position: Int) in snapshot.measures[position].measureType == type }
            let ofEvaluation = { (position: Int) in snapshot.measures[position].evaluation == evaluation }
            let facet: (parameter: String, holds: (Int) -> Bool)? = pick([
                nil, nil,
                ("status=\(status.rawValue)", ofStatus),
                ("measure_type=\(type.rawValue)", ofType),
                ("evaluation=\(evaluation.rawValue)", ofEvaluation),
                // Two or three kinds: narrowed twice over the whole timeline, gathered otherwise.
                ("measure_type=\(type.rawValue)&status=\(status.rawValue)", { ofStatus($0) && ofType($0) }),
                ("evaluation=\(evaluation.rawValue)&status=\(status.rawValue)", { ofStatus($0) && ofEvaluation($0) }),
                ("evaluation=\(evaluation.rawValue)&measure_type=\(type.rawValue)", { ofType($0) && ofEvaluation($0) }),
                (
                    "status=\(status.rawValue)&measure_type=\(type.rawValue)&evaluation=\(evaluation.rawValue)",
                    { ofStatus($0) && ofType($0) && ofEvaluation($0) }
                ),
            ])
            // Day and week periods over a few months at most, month periods over any span.
            let interval = pick(TimelineInterval.allCases)
            var first: Int32? = random.next() % 2 == 0 ? oldest + Int32(random.next() % UInt64(newest - oldest)) : nil
            var last: Int32? = random.next() % 2 == 0 ? (first ?? oldest) + Int32(random.next() % 900) : nil
            if interval != .month {
                first = first ?? oldest + Int32(random.next() % UInt64(newest - oldest))
                last = first! + Int32(random.next() % 120)
            }
            var parameters = kinds.map { "event=\($0.rawValue)" }
            if let entity { parameters.append("entity=\(entity)") }
            if let first { parameters.append("from=\(CalendarDay.isoString(of: first))") }
            if let last { parameters.append("to=\(CalendarDay.isoString(of: last))") }
            if let facet { parameters.append(facet.parameter) }
            let selection = try selection(parameters.joined(separator: "&"))

            let inScope = gathered(about: entity, in: snapshot).filter { milestone in
                !milestone.isMeasure || facet.map { $0.holds(Int(milestone.subject)) } ?? true
            }
            let expected = expectSelection(
                selection, of: inScope, kinds: kinds, from: first, through: last, interval: interval,
                "\(round) \(parameters)", in: snapshot)
            if let facet, expected.contains(where: { $0.isMeasure }) {
                narrowed += 1
                if entity == nil, facet.parameter.contains("&") { narrowedTwice += 1 }
            }
        }
        #expect(narrowed > 12)
        #expect(narrowedTwice > 3)
    }

    @Test func facetsAreOneValueOfEachOfSomeFiltersAndNothingElse() throws {
        let snapshot = try Self.generated.get()
        func facets(_ query: String) -> [MeasureFacet]? {
            var parameters = QueryParameters(Request(method: .get, target: "/timeline?\(query)").query)
            let filter = MeasureFilter(reading: &parameters, in: snapshot, readsText: false, readsPeriod: false)
            return MeasureFacet.facets(of: filter)
        }
        let country = try #require(snapshot.measures.first?.implementing.first)
        #expect(facets("status=removed") == [.status(.removed)])
        #expect(facets("status=removed&status=removed") == [.status(.removed)])
        #expect(facets("measure_type=tariff") == [.type(.tariff)])
        #expect(facets("evaluation=mixed") == [.evaluation(.mixed)])
        // In the order scopes are narrowed, whatever the query's.
        #expect(facets("measure_type=tariff&status=removed") == [.status(.removed), .type(.tariff)])
        #expect(facets("evaluation=mixed&measure_type=tariff") == [.type(.tariff), .evaluation(.mixed)])
        #expect(
            facets("evaluation=mixed&status=proposed&measure_type=tariff")
                == [.status(.proposed), .type(.tariff), .evaluation(.mixed)])
        for query in [
            "", "status=removed&status=proposed", "status=removed&measure_type=tariff&measure_type=safeguard",
            "status=removed&in_force_on=2024-01-01", "status=removed&implementing=\(country)",
            "status=removed&announced_from=2024-01-01", "evaluation=mixed&removed_to=2024-01-01",
        ] {
            #expect(facets(query) == nil, "\(query)")
        }
    }

    /// Filters no scope holds (several values, an implementing or affected jurisdiction, in force on a
    /// day) walk the fewest candidates: what they keep is what filtering every measure gives.
    @Test func walkedFiltersKeepWhatFilteringEveryMeasureGives() throws {
        let snapshot = try Self.generated.get()
        let measures = snapshot.measures
        let country = try #require(
            Dictionary(grouping: measures.flatMap(\.implementing), by: { $0 }).max { $0.value.count < $1.value.count }?.key)
        let affected = try #require(measures.first { $0.implementing.contains(country) }?.affected.first)
        let day = try #require(snapshot.measureLifecycles.compactMap(\.inForce?.day).sorted().dropFirst(100).first)
        let cases: [(query: String, keeps: (Int) -> Bool)] = [
            ("implementing=\(country)", { measures[$0].implementing.contains(country) }),
            (
                "status=in_force&implementing=\(country)",
                { measures[$0].status == .inForce && measures[$0].implementing.contains(country) }
            ),
            (
                "measure_type=tariff&affected=\(affected)",
                { measures[$0].measureType == .tariff && measures[$0].affected.contains(affected) }
            ),
            ("status=removed&status=suspended", { [.removed, .suspended].contains(measures[$0].status) }),
            (
                "status=in_force&evaluation=restrictive",
                { measures[$0].status == .inForce && measures[$0].evaluation == .restrictive }
            ),
            ("in_force_on=\(CalendarDay.isoString(of: day))", { snapshot.measureLifecycles[$0].isInForce(on: day) }),
        ]
        var withMeasures = 0
        for (query, keeps) in cases {
            for entity in [nil, country, affected] {
                let selection = try selection(
                    query + (entity.map { "&entity=\($0)" } ?? "") + "&event=measure_in_force&event=claim_disputed")
                let inScope = gathered(about: entity, in: snapshot).filter { !$0.isMeasure || keeps(Int($0.subject)) }
                let expected = inScope.filter { $0.kind == .measureInForce || $0.kind == .claimDisputed }
                if expected.contains(where: { $0.isMeasure }) { withMeasures += 1 }
                #expect(same(selection.milestones, expected), "\(query) \(entity ?? "")")
                let (started, stopped) = inForceDays(inScope, in: snapshot)
                #expect(selection.started == started && selection.stopped == stopped, "\(query) \(entity ?? "")")
                expectSameCounts(selection, expected, query, intervals: [.month])
            }
        }
        #expect(withMeasures >= cases.count * 2)
    }

    /// The measure filter of a `/timeline` query string, as the resource reads it.
    private func measureFilter(_ query: String) throws -> MeasureFilter {
        var parameters = QueryParameters(Request(method: .get, target: "/timeline?\(query)").query)
        return MeasureFilter(reading: &parameters, in: try Self.generated.get(), readsText: false, readsPeriod: false)
    }

    /// Random measure filters no scope holds alone (jurisdictions, one or two and either match, several
    /// values of one field, `in_force_on`, the announced, in-force and removed periods, mixed with one
    /// status, type or evaluation), over the whole timeline or an entity's, through random windows: what
    /// they list, their stock in force and their counts are what the plain filter over every measure gives.
    @Test func filtersReadThroughScopesKeepWhatThePlainFilterKeeps() throws {
        let snapshot = try Self.generated.get()
        let catalog = try Self.catalog.get()
        var random = SplitMix(seed: 61)
        func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
        let implementers = Array(Set(snapshot.measures.flatMap(\.implementing))).sorted()
        let affected = Array(Set(snapshot.measures.flatMap(\.affected))).sorted()
        let all = gathered(about: nil, in: snapshot)
        let (oldest, newest) = (all.first!.day, all.map(\.lastDay).max()!)
        func day() -> String { CalendarDay.isoString(of: oldest + Int32(random.next() % UInt64(newest - oldest + 1))) }
        func period(_ name: String) -> [String] {
            let (first, last) = (day(), day())
            let (from, to) = first < last ? (first, last) : (last, first)
            return pick([["\(name)_from=\(from)"], ["\(name)_to=\(to)"], ["\(name)_from=\(from)", "\(name)_to=\(to)"]])
        }
        let entities: [String?] =
            Array(repeating: nil, count: 10) + implementers.prefix(30).map(Optional.some)
            + snapshot.entities.prefix(10).map(\.id)
        var (kept, walked, whole) = (0, 0, 0)
        for round in 0..<300 {
            var parameters: [String] = []
            switch random.next() % 9 {
            case 0: parameters = ["implementing=\(pick(implementers))"]
            case 1: parameters = ["affected=\(pick(affected))"]
            case 2:
                parameters = ["implementing=\(pick(implementers))", "implementing=\(pick(implementers))"]
                if random.next() % 2 == 0 { parameters.append("match=any") }
            case 3:
                parameters = ["affected=\(pick(affected))", "affected=\(pick(affected))", "implementing=\(pick(implementers))"]
                if random.next() % 2 == 0 { parameters.append("affected_match=any") }
            case 4: parameters = ["in_force_on=\(day())"]
            case 5: parameters = period(pick(["announced", "in_force", "removed"]))
            case 6: parameters = MeasureStatus.allCases.filter { _ in random.next() % 2 == 0 }.map { "status=\($0.rawValue)" }
            case 7: parameters = MeasureType.allCases.filter { _ in random.next() % 3 == 0 }.map { "measure_type=\($0.rawValue)" }
            default:
                parameters = [
                    "evaluation=\(pick(MeasureEvaluation.allCases).rawValue)",
                    "evaluation=\(pick(MeasureEvaluation.allCases).rawValue)",
                ]
            }
            // One more filter of another kind, now and then (a date filter is given at most once).
            func unused(_ name: String) -> Bool { !parameters.contains { $0.hasPrefix(name) } }
            if random.next() % 3 == 0 { parameters.append("status=\(pick(MeasureStatus.allCases).rawValue)") }
            if random.next() % 4 == 0, unused("in_force_on=") { parameters.append("in_force_on=\(day())") }
            let name = pick(["announced", "in_force", "removed"])
            if random.next() % 4 == 0, unused("\(name)_") { parameters += period(name) }
            let filterParameters = parameters
            let kinds = TimelineResource.EventKind.allCases.filter { _ in random.next() % 4 == 0 }
            parameters += kinds.map { "event=\($0.rawValue)" }
            let entity = pick(entities)
            if let entity { parameters.append("entity=\(entity)") }
            // Day and week periods over a few months at most, month periods (most often) over any span.
            let interval = pick([TimelineInterval.day, .week, .month, .month, .month])
            var first: Int32? = random.next() % 3 == 0 ? oldest + Int32(random.next() % UInt64(newest - oldest)) : nil
            var last: Int32? = random.next() % 3 == 0 ? (first ?? oldest) + Int32(random.next() % 1500) : nil
            if interval != .month {
                first = first ?? oldest + Int32(random.next() % UInt64(newest - oldest))
                last = first! + Int32(random.next() % 120)
            }
            if let first { parameters.append("from=\(CalendarDay.isoString(of: first))") }
            if let last { parameters.append("to=\(CalendarDay.isoString(of: last))") }
            let selection = try selection(parameters.joined(separator: "&"))

            let filter = try measureFilter(filterParameters.joined(separator: "&"))
            let inScope = gathered(about: entity, in: snapshot).filter {
                !$0.isMeasure || filter.matches(Int($0.subject), in: catalog)
            }
            let expected = expectSelection(
                selection, of: inScope, kinds: kinds, from: first, through: last, interval: interval,
                "\(round) \(parameters)", in: snapshot)
            if expected.contains(where: \.isMeasure) { kept += 1 }
            if entity == nil { whole += 1 }
            if selection.window.isEverything, !(kinds.isEmpty && first == nil && last == nil) { walked += 1 }
        }
        #expect(kept > 40 && whole > 40 && walked > 30, "\(kept) \(whole) \(walked)")
    }

    /// Each jurisdiction alone, over the whole timeline, reads its own scope made at load: what it keeps is
    /// what the plain filter keeps, with every claim.
    @Test func aJurisdictionAloneReadsItsOwnScope() throws {
        let snapshot = try Self.generated.get()
        let catalog = try Self.catalog.get()
        let all = gathered(about: nil, in: snapshot)
        for (name, ids) in [
            ("implementing", Set(snapshot.measures.flatMap(\.implementing))),
            ("affected", Set(snapshot.measures.flatMap(\.affected))),
        ] {
            for id in ids.sorted() {
                let filter = try measureFilter("\(name)=\(id)")
                let expected = all.filter { !$0.isMeasure || filter.matches(Int($0.subject), in: catalog) }
                let selection = try selection("\(name)=\(id)&event=measure_announced&event=claim_disputed")
                #expect(!selection.window.isEverything, "\(name)=\(id) reads a scope")
                #expect(
                    same(selection.milestones, expected.filter { $0.kind == .measureAnnounced || $0.kind == .claimDisputed }),
                    "\(name)=\(id)")
                let (started, stopped) = inForceDays(expected, in: snapshot)
                #expect(selection.started == started && selection.stopped == stopped, "\(name)=\(id)")
            }
        }
    }

    /// Plain lifecycle days pass the date filters as `MeasureFilter.matches` does, on every measure.
    @Test func lifecycleDaysPassWhatTheFilterPasses() throws {
        let snapshot = try Self.generated.get()
        let catalog = try Self.catalog.get()
        let days = zip(snapshot.measures, snapshot.measureLifecycles).map(LifecycleDays.init)
        var random = SplitMix(seed: 7)
        let span = snapshot.measureLifecycles.compactMap(\.inForce?.day)
        let (oldest, newest) = (span.min()! - 400, span.max()! + 400)
        func day() -> Int32 { oldest + Int32(random.next() % UInt64(newest - oldest)) }
        var (passed, failed) = (0, 0)
        for _ in 0..<200 {
            var filter = try measureFilter("")
            if random.next() % 2 == 0 { filter.inForceOn = day() }
            for path in [\MeasureFilter.announced, \MeasureFilter.inForce, \MeasureFilter.removed] where random.next() % 2 == 0 {
                let (a, b) = (day(), day())
                filter[keyPath: path] = (random.next() % 4 == 0 ? nil : min(a, b), random.next() % 4 == 0 ? nil : max(a, b))
            }
            let dates = LifecycleDateFilter(
                inForceOn: filter.inForceOn, announced: filter.announced, inForce: filter.inForce, removed: filter.removed)
            for position in snapshot.measures.indices {
                let passes = days[position].passes(dates)
                #expect(passes == filter.matches(position, in: catalog))
                if passes { passed += 1 } else { failed += 1 }
            }
        }
        #expect(passed > 1000 && failed > 1000)
    }

    @Test func claimsAndMeasuresFoundByWordAreThoseAByteSearchFinds() throws {
        let snapshot = try Self.generated.get()
        let texts = snapshot.claims.map(ClaimsResource.searchText)
        let measureTexts = snapshot.measures.map { measure in
            " " + TextFolding.normalizedKey(([measure.title, measure.description] + measure.products).joined(separator: " "))
        }
        // The measures with milestones on the whole timeline: those a search may list.
        let dated = Set(try selection("").milestones.filter(\.isMeasure).map(\.subject))
        // Prefixes of the claims' and the measures' own words, one to five bytes long, and pairs of them.
        var prefixes: Set<String> = ["zzzz", "é", "a"]
        for text in texts.prefix(40) + measureTexts.prefix(40) {
            for word in text.split(separator: " ").prefix(6) {
                for length in 1...min(5, word.count) { prefixes.insert(String(word.prefix(length))) }
            }
        }
        let sorted = prefixes.sorted()
        var measuresFound = 0
        for (index, prefix) in sorted.enumerated() {
            for words in [[prefix], [prefix, sorted[(index * 7) % sorted.count]]] {
                // The words as `q` reads them: tokenized and folded (a query with none is refused).
                guard let parsed = try? TextQuery(parsing: words.joined(separator: " ")) else { continue }
                let query = words.map { $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }.joined(separator: "+")
                let found = try selection("q=\(query)").milestones
                let terms = parsed.words + parsed.phrases.flatMap { $0 }
                let expected = snapshot.claims.indices.filter { claim in
                    terms.allSatisfy { ByteSearch.contains(texts[claim], " " + $0) }
                }.filter { claim in snapshot.claims[claim].claims.contains { snapshot.article(id: $0.articleID) != nil } }
                #expect(Set(found.filter { !$0.isMeasure }.map(\.subject)) == Set(expected.map(Int32.init)), "\(words)")
                let expectedMeasures = measureTexts.indices.filter { measure in
                    terms.allSatisfy { ByteSearch.contains(measureTexts[measure], " " + $0) }
                }.map(Int32.init).filter(dated.contains)
                #expect(Set(found.filter(\.isMeasure).map(\.subject)) == Set(expectedMeasures), "\(words)")
                if !expectedMeasures.isEmpty { measuresFound += 1 }
            }
        }
        #expect(measuresFound > 50, "searches that find measures")
    }

    @Test func dayRangesCountAsAWalkDoes() {
        var random = SplitMix(seed: 3)
        var ranges: [(first: Int32, last: Int32)] = []
        for _ in 0..<300 {
            let first = Int32(random.next() % 2000)
            ranges.append((first, first + Int32(random.next() % 366)))
        }
        // Many ranges over a short span are counted from tables, a few by binary searches.
        for ranges in [ranges, Array(ranges.prefix(5))] {
            let counted = DayRanges(ranges)
            for start in stride(from: Int32(-40), to: 2400, by: 17) {
                let next = start + Int32(1 + abs(start) % 31)
                #expect(
                    counted.starting(from: start, before: next) == ranges.filter { $0.first >= start && $0.first < next }.count)
                #expect(
                    counted.overlapping(from: start, before: next) == ranges.filter { $0.first < next && $0.last >= start }.count)
            }
        }
    }

    @Test func daysAndKeysAreWrittenAsTheirStrings() throws {
        for number in [Int32(-800_000), -719_529, -719_528, -719_162, -1, 0, 1, 19_000, 20_454, 2_932_896, 2_932_897, 3_000_000]
            + (0..<400).map({ Int32($0 * 9_131 - 700_000) })
        {
            var fast = JSONWriter()
            fast.day(number)
            var plain = JSONWriter()
            plain.string(CalendarDay.isoString(of: number))
            #expect(fast.bytes == plain.bytes, "\(number)")
        }
        var encoded = JSONWriter()
        encoded.beginObject()
        encoded.key(ascii: "measures_in_force")
        encoded.int(1)
        encoded.key(ascii: "b")
        encoded.int(2)
        for value in [0, 7, -3, 1_234_567, Int.min, Int.max] { encoded.member(ascii: "n", value) }
        encoded.endObject()
        #expect(
            String(decoding: encoded.bytes, as: UTF8.self)
                == #"{"measures_in_force":1,"b":2,"n":0,"n":7,"n":-3,"n":1234567,"n":-9223372036854775808,"n":9223372036854775807}"#
        )
    }

    @Test func aPeriodsEndIsReadOffItsStart() {
        for start in stride(from: Int32(-800_000), to: 3_000_000, by: 997) + (19_000..<19_800).map({ Int32($0) }) {
            let first = CalendarDay.date(of: start)
            for length in Int32(0)..<40 {
                let read = TimelineBucket.date(of: start + length, after: start, dated: first)
                let computed = CalendarDay.date(of: start + length)
                #expect(read == computed, "\(start) + \(length)")
            }
        }
    }

    @Test func periodsCountedTogetherAreThoseCountedAlone() throws {
        let snapshot = try Self.generated.get()
        let boundaries = DayBoundaries(days: snapshot.articles.map(\.publishedAt.day))
        let entities = snapshot.entities.map { snapshot.articlePostings(mentioning: $0) }
        let busiest = try #require(entities.max { $0.count < $1.count })
        let tally = MilestoneCounting.tally(MilestoneTally(try Self.milestones.get().all, interval: .month), .everything)
        let days = snapshot.articles.map(\.publishedAt.day)
        let oldest = try #require(days.min())
        let newest = try #require(days.max())
        var edges = [TimelineInterval.month.start(of: oldest - 40)]
        while edges.last! <= newest + 40 { edges.append(TimelineInterval.month.next(after: edges.last!)) }
        let ordinals: [ArticleTimeline.Ordinals] = [
            .list(busiest), .list(busiest.dropFirst(busiest.count / 3)), .list([]), .range(10..<700),
        ]
        for ordinals in ordinals {
            let articles = ArticleTimeline(boundaries: boundaries, ordinals: ordinals)
            let probes = (oldest - 50...newest + 50).filter { $0 % 3 == 0 }
            #expect(articles.countsBefore(probes[...]) == probes.map(articles.countBefore))
            for descending in [false, true] {
                // Labels for part of the span only, so some periods are spelt from the table and some computed.
                let labels = DayLabels(from: oldest + 100, through: newest - 100)
                let buckets = TimelineBuckets(
                    articles: articles, edges: edges, descending: descending, coarse: DayRanges([(oldest + 3, oldest + 40)]),
                    milestones: tally, started: [], stopped: [], labels: labels)
                let unlabelled = DayLabels(from: 1, through: 0)
                for positions in [0..<buckets.count, 0..<1, 2..<5, (buckets.count - 3)..<buckets.count, 4..<4] {
                    var together = JSONWriter()
                    for bucket in buckets.buckets(at: positions) { bucket.write(to: &together, labels: labels) }
                    var alone = JSONWriter()
                    for position in positions { buckets[position].write(to: &alone, labels: unlabelled) }
                    #expect(together.bytes == alone.bytes, "\(positions) \(descending)")
                }
            }
        }
    }

    @Test func steppedSearchFindsWhatHalvingFinds() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 2, 3, 7, 64, 300] {
            var values: [Int32] = (0..<length).map { _ in Int32.random(in: 0..<1_000, using: &generator) }
            values.sort()
            // A slice that does not start at 0, as a posting list read in place.
            let list = ([-5, -4] + values)[2...]
            for end in list.startIndex...list.endIndex {
                let floor = end < list.endIndex ? list[end] : Int32.max
                for boundary in Set([-1, 0, 500, 999, 1_000] + list.map { $0 } + list.map { $0 + 1 }) where boundary <= floor {
                    #expect(
                        ArticleTimeline.firstIndex(in: list, below: end, atOrAfter: boundary)
                            == list[list.startIndex..<end].partitioningIndex { $0 >= boundary },
                        "\(length) \(end) \(boundary)")
                }
            }
        }
    }

    @Test func labelledDaysAreSpeltAsComputedOnes() {
        let first = CalendarDay.number(year: 2019, month: 12, day: 25)!
        let labels = DayLabels(from: first, through: first + 800)
        #expect(labels.contains(first) && labels.contains(first + 800))
        #expect(!labels.contains(first - 1) && !labels.contains(first + 801))
        for day in first...(first + 799) {
            var labelled = JSONWriter()
            labelled.beginArray()
            for _ in 0..<2 {
                labelled.beginPeriod(from: day, to: day + 1, labels: labels)
                labelled.endObject()
            }
            labelled.endArray()
            var computed = JSONWriter()
            computed.beginArray()
            for _ in 0..<2 {
                computed.beginObject()
                computed.key(ascii: "start"); computed.day(day)
                computed.key(ascii: "end"); computed.day(day + 1)
                computed.endObject()
            }
            computed.endArray()
            #expect(labelled.bytes == computed.bytes, "\(day)")
        }
        var christmas = JSONWriter()
        christmas.beginPeriod(from: first, to: first + 6, labels: labels)
        christmas.member(ascii: "claims", 2)
        christmas.endObject()
        #expect(String(decoding: christmas.bytes, as: UTF8.self) == #"{"start":"2019-12-25","end":"2019-12-31","claims":2}"#)
        // The span is clamped to years 1-9999; outside it days are computed.
        let wide = DayLabels(from: CalendarDay.number(year: 9999, month: 12, day: 30)!, through: 3_000_000)
        #expect(wide.contains(CalendarDay.number(year: 9999, month: 12, day: 31)!) && !wide.contains(3_000_000))
        #expect(!DayLabels(from: 10, through: 9).contains(10))
    }

    @Test func countsInOneAppendAreWrittenAsMemberByMember() {
        for values in [[0, 7, -3], [1_234_567, Int.min, Int.max], [42]] {
            for open in [false, true] {
                var together = JSONWriter()
                var alone = JSONWriter()
                together.beginObject()
                alone.beginObject()
                if open {
                    together.key(ascii: "start"); together.day(19_000)
                    alone.key(ascii: "start"); alone.day(19_000)
                }
                together.members(
                    ascii: ("first", values[0]), ("n", values.last!), ("third_member", values[values.count / 2]))
                for (name, value) in [("first", values[0]), ("n", values.last!), ("third_member", values[values.count / 2])] {
                    alone.key(name); alone.int(value)
                }
                together.endObject()
                alone.endObject()
                #expect(together.bytes == alone.bytes)
            }
        }
    }

    @Test func edgesStepFromPeriodToPeriod() {
        for interval in TimelineInterval.allCases {
            for start in stride(from: Int32(-5_000), to: 60_000, by: 1_237) {
                for length in [Int32(0), 1, 6, 30, 31, 400, 3_000] {
                    var expected = [interval.start(of: start)]
                    while expected.last! <= start + length { expected.append(interval.next(after: expected.last!)) }
                    #expect(
                        interval.edges(from: start, through: start + length, limit: 50_000) == expected, "\(interval) \(start)")
                }
            }
            #expect(interval.edges(from: 0, through: 3_000, limit: 2) == nil)
        }
        #expect(TimelineInterval.day.edges(from: 10, through: 11, limit: 2) == [10, 11, 12])
    }
}
