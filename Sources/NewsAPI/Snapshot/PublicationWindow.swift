/// The articles whose publication date overlaps a period: a contiguous run of ordinals (every article
/// whose date starts in the period) plus the few dated by month or year whose range starts before the
/// period but reaches into it (`from=2025-04-02` keeps an article dated `2025-04`).
struct PublicationWindow: Sendable {
    /// The articles whose date starts in the period (ordinals run newest first).
    let range: Range<Int32>
    /// Older articles, dated by month or year, whose range reaches into the period; ascending, all
    /// at or after `range.upperBound`.
    let extra: [Int32]

    /// Whether the window is one contiguous run of ordinals.
    var isContiguous: Bool { extra.isEmpty }

    /// The number of articles in the window.
    var count: Int { range.count + extra.count }

    /// Every ordinal in the window, ascending.
    var ordinals: [Int32] { Array(range) + extra }

    /// The part of an ascending list of ordinals that falls inside the window.
    func clip(_ list: [Int32]) -> [Int32] {
        let start = list.partitioningIndex { $0 >= range.lowerBound }
        let end = list.partitioningIndex { $0 >= range.upperBound }
        if extra.isEmpty {
            return start == 0 && end == list.count ? list : Array(list[start..<max(start, end)])
        }
        var clipped = Array(list[start..<max(start, end)])
        var position = max(start, end)
        for ordinal in extra {
            position = list[position...].partitioningIndex { $0 >= ordinal }
            if position < list.count, list[position] == ordinal { clipped.append(ordinal) }
        }
        return clipped
    }
}

extension CorpusSnapshot {
    /// The articles whose publication date overlaps `firstDay...lastDay` (either end open): a date of
    /// month or year precision is a range, kept when any of its days is in the period.
    func articles(publishedFrom firstDay: Int32?, through lastDay: Int32?) -> PublicationWindow {
        let range = ordinals(publishedFrom: firstDay, through: lastDay)
        guard let firstDay, !coarselyDatedArticles.isEmpty else { return PublicationWindow(range: range, extra: []) }
        // Coarse dates older than the run: those whose range still reaches `firstDay`. A year is at
        // most 366 days, so only the coarse articles starting within that reach are looked at.
        let earliest = firstDay - 366
        let first = coarselyDatedArticles.partitioningIndex { $0 >= range.upperBound }
        var extra: [Int32] = []
        for ordinal in coarselyDatedArticles[first...] {
            let date = articles[Int(ordinal)].publishedAt
            if date.day < earliest { break }
            if date.lastDay >= firstDay { extra.append(ordinal) }
        }
        return PublicationWindow(range: range, extra: extra)
    }
}
