import NewsFormat

/// The id and publication day of every article, which depend only on the seed and the article's
/// number, so trade measures and claims can cite articles before they are written.
struct ArticleSchedule: Sendable {
    /// The number of articles.
    let count: Int
    /// The first day articles are published on.
    let firstDay = CalendarDay.number(year: 2021, month: 1, day: 4)!
    /// The last day articles are published on.
    let lastDay = CalendarDay.number(year: 2025, month: 6, day: 30)!
    private let seed: UInt64
    private let idDigits: Int

    /// The schedule of `count` articles for `seed`.
    init(count: Int, seed: UInt64) {
        self.count = count
        self.seed = seed
        idDigits = max(7, String(count).count)
    }

    /// The article's id: `art-` and its zero-padded number.
    func id(of index: Int) -> String {
        let digits = String(index)
        return "art-" + String(repeating: "0", count: max(0, idDigits - digits.count)) + digits
    }

    /// The day the article was published (days since 1970-01-01): articles run in date order, a day
    /// or so apart at most.
    func day(of index: Int) -> Int32 {
        var rng = Xoshiro256(seed: seed, stream: .schedule, index: index)
        let jitter = rng.int(in: -1...1)
        let number = Int(firstDay) + index * span / max(count, 1) + jitter
        return Int32(min(max(number, Int(firstDay)), Int(lastDay)))
    }

    /// Up to `size` distinct article numbers published within about a month of each other, in order:
    /// the articles that report the same story.
    func cluster(of size: Int, _ rng: inout Xoshiro256) -> [Int] {
        let window = max(size, count * 30 / max(span, 1))
        let first = rng.below(count)
        var chosen = [first]
        for _ in 1..<max(size, 1) {
            let candidate = min(count - 1, first + 1 + rng.below(window))
            if !chosen.contains(candidate) {
                chosen.append(candidate)
            }
        }
        return chosen.sorted()
    }

    private var span: Int {
        Int(lastDay - firstDay)
    }
}
