import Foundation

/// Draws indices with fixed relative weights in constant time (Vose's alias method).
struct AliasSampler: Sendable {
    private let threshold: [Double]
    private let alias: [Int32]

    /// The number of indices it draws from.
    var count: Int { threshold.count }

    /// Creates a sampler over `weights.indices`; every weight must be non-negative and at least one positive.
    init(weights: [Double]) {
        let count = weights.count
        let total = weights.reduce(0, +)
        var scaled = weights.map { $0 * Double(count) / total }
        var threshold = [Double](repeating: 1, count: count)
        var alias = [Int32](repeating: 0, count: count)
        var small = scaled.indices.filter { scaled[$0] < 1 }
        var large = scaled.indices.filter { scaled[$0] >= 1 }
        while let low = small.popLast(), let high = large.last {
            threshold[low] = scaled[low]
            alias[low] = Int32(high)
            scaled[high] -= 1 - scaled[low]
            if scaled[high] < 1 {
                large.removeLast()
                small.append(high)
            }
        }
        for index in small + large {
            threshold[index] = 1
            alias[index] = Int32(index)
        }
        self.threshold = threshold
        self.alias = alias
    }

    /// A sampler where index `i` has weight `1 / (i + 1 + offset)^exponent` (Zipf, or Zipf-Mandelbrot
    /// with an offset, which tempers the very first ranks): a few indices are drawn often, most rarely.
    static func zipf(count: Int, exponent: Double = 1.0, offset: Double = 0) -> AliasSampler {
        AliasSampler(weights: (1...max(count, 1)).map { 1 / pow(Double($0) + offset, exponent) })
    }

    /// Draws one index.
    @inline(__always)
    func sample(_ rng: inout Xoshiro256) -> Int {
        let index = rng.below(threshold.count)
        return rng.unit() < threshold[index] ? index : Int(alias[index])
    }
}
