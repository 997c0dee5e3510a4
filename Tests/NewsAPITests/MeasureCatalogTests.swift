import Foundation
import NewsFormat
import Testing

@testable import NewsAPI

/// What `/trade-measures` reads from the catalog made once per snapshot gives what the plain way gave:
/// a filtered list read from the fewest candidates and sorted is the walk of every measure in order,
/// and a summary encoded at load is the one encoded per request.
@Suite struct MeasureCatalogTests {
    /// A generated corpus: 1,000 articles, 500 measures.
    private static let catalog = Result { MeasureCatalog(snapshot: try CorpusFixture.generated(articles: 1000, seed: 31)) }

    /// The measure filter of a `/trade-measures` query string, as the resource reads it.
    private func filter(_ query: String, in snapshot: CorpusSnapshot) throws -> MeasureFilter {
        var parameters = QueryParameters(Request(method: .get, target: "/trade-measures?\(query)").query)
        let filter = MeasureFilter(reading: &parameters, in: snapshot)
        try parameters.validate()
        return filter
    }

    /// Random filters (jurisdictions, one or two and either match, types, statuses, evaluations, a date
    /// now and then), in both orders: the list is the walk of every measure in that order.
    @Test func listsAreWhatWalkingEveryMeasureGives() throws {
        let catalog = try Self.catalog.get()
        let snapshot = catalog.snapshot
        var random = SplitMix(seed: 37)
        func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
        // Jurisdictions as often as they are named, so that filters keep something often enough.
        let implementers = snapshot.measures.flatMap(\.implementing)
        let affected = snapshot.measures.flatMap(\.affected)
        var (narrowed, kept) = (0, 0)
        for round in 0..<400 {
            var parameters: [String] = []
            if random.next() % 2 == 0 { parameters.append("implementing=\(pick(implementers))") }
            if random.next() % 4 == 0 { parameters.append("implementing=\(pick(implementers))") }
            if random.next() % 3 == 0 { parameters.append("affected=\(pick(affected))") }
            if random.next() % 6 == 0 { parameters.append("affected=\(pick(affected))") }
            if random.next() % 2 == 0 { parameters.append(pick(["match=any", "implementing_match=any", "affected_match=any"])) }
            for _ in 0..<Int(random.next() % 4 / 2) { parameters.append("measure_type=\(pick(MeasureType.allCases).rawValue)") }
            for _ in 0..<Int(random.next() % 4 / 2) { parameters.append("status=\(pick(MeasureStatus.allCases).rawValue)") }
            if random.next() % 5 == 0 { parameters.append("evaluation=\(pick(MeasureEvaluation.allCases).rawValue)") }
            if random.next() % 5 == 0 { parameters.append("announced_from=2023-01-01") }
            let filter = try filter(parameters.joined(separator: "&"), in: snapshot)
            for newestFirst in [true, false] {
                let walked = (newestFirst ? catalog.newestFirst : catalog.oldestFirst).filter {
                    filter.matches(Int($0), in: catalog)
                }
                #expect(catalog.matching(filter, newestFirst: newestFirst) == walked, "\(round) \(parameters)")
                // The filter's own check, which reads jurisdictions resolved once and facets kept apart,
                // keeps what reading each measure's fields keeps (and then the date, when there is one).
                let plain = (newestFirst ? catalog.newestFirst : catalog.oldestFirst).filter {
                    passesPlainly(snapshot.measures[Int($0)], filter)
                }
                if filter.announced == (nil, nil) {
                    #expect(walked == plain, "\(round) \(parameters)")
                } else {
                    #expect(Set(walked).isSubset(of: plain), "\(round) \(parameters)")
                }
                if newestFirst, walked.count > 1 { kept += 1 }
            }
            if catalog.candidates(for: filter) != nil { narrowed += 1 }
        }
        // Most filters are narrowed, and enough keep more than one measure for the order to be tested.
        #expect(narrowed > 250 && kept > 120, "\(narrowed) \(kept)")
    }

    /// Whether `measure` names the filter's jurisdictions and has one of its types, statuses and
    /// evaluations, read from its own fields.
    private func passesPlainly(_ measure: TradeMeasure, _ filter: MeasureFilter) -> Bool {
        func names(_ ids: [String], _ wanted: [Entity], _ match: MeasureFilter.Match) -> Bool {
            wanted.isEmpty
                || (match == .all ? wanted.allSatisfy { ids.contains($0.id) } : wanted.contains { ids.contains($0.id) })
        }
        return names(measure.implementing, filter.implementing, filter.implementingMatch)
            && names(measure.affected, filter.affected, filter.affectedMatch)
            && (filter.types.isEmpty || filter.types.contains(measure.measureType))
            && (filter.statuses.isEmpty || filter.statuses.contains(measure.status))
            && (filter.evaluations.isEmpty || filter.evaluations.contains(measure.evaluation))
    }

    @Test func summariesAreThoseEncodedPerRequest() throws {
        let catalog = try Self.catalog.get()
        for (position, measure) in catalog.snapshot.measures.enumerated() {
            var fromLoad = JSONWriter()
            catalog.writeSummary(ofMeasure: Int32(position), into: &fromLoad)
            var perRequest = JSONWriter()
            perRequest.measureSummary(measure, in: catalog.snapshot)
            #expect(fromLoad.bytes == perRequest.bytes, "\(measure.id)")
        }
    }
}
