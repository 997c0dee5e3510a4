import Foundation

/// Draws built on the raw bits, implemented here rather than with the standard library's
/// `random(in:using:)`, whose algorithms may change between Swift versions.
extension Xoshiro256 {
    /// A uniform integer in `0..<count`; `count` must be positive.
    @inline(__always)
    mutating func below(_ count: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(count)).high)
    }

    /// A uniform integer in `range`.
    @inline(__always)
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A uniform number in `0..<1`.
    @inline(__always)
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `probability`.
    @inline(__always)
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// A uniformly chosen element of a non-empty array.
    @inline(__always)
    mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[below(elements.count)]
    }

    /// A number whose logarithm is normally distributed: most values near `median`, a long tail above.
    mutating func logNormal(median: Double, sigma: Double) -> Double {
        let u1 = max(unit(), 0x1.0p-53)
        let u2 = unit()
        let normal = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        return median * exp(sigma * normal)
    }

    /// The elements in a random order (Fisher-Yates).
    mutating func shuffled<Element>(_ elements: [Element]) -> [Element] {
        var result = elements
        var index = result.count - 1
        while index > 0 {
            result.swapAt(index, below(index + 1))
            index -= 1
        }
        return result
    }
}
