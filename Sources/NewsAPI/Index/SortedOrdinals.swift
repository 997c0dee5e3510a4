/// Set operations on ascending lists of article ordinals (or of other positions, such as measures'), in
/// time proportional to the smaller lists.
enum SortedOrdinals {
    /// The ordinals present in every list, ascending. Starts from the shortest list and keeps what
    /// each longer one also holds (see `retained(_:in:)`). No lists, or any empty list, gives an
    /// empty result.
    static func intersection<List: RandomAccessCollection>(of lists: [List]) -> [Int32]
    where List.Element == Int32, List.Index == Int {
        guard !lists.isEmpty else { return [] }
        let sorted = lists.sorted { $0.count < $1.count }
        guard let shortest = sorted.first, !shortest.isEmpty else { return [] }
        var result = Array(shortest)
        for list in sorted.dropFirst() where !result.isEmpty {
            result = retained(result[...], in: list)
        }
        return result
    }

    /// The values of `candidates` (ascending) that `list` (ascending) also holds.
    static func retained<List: RandomAccessCollection>(_ candidates: ArraySlice<Int32>, in list: List) -> [Int32]
    where List.Element == Int32, List.Index == Int {
        // Read through a buffer: indexing a collection held in an array would retain and release
        // its storage at every step, from every thread answering at once.
        list.withContiguousStorageIfAvailable { retained(candidates, inBuffer: $0) }
            ?? Array(list).withUnsafeBufferPointer { retained(candidates, inBuffer: $0) }
    }

    /// The values of `candidates` (ascending) that `list` (ascending) also holds: a merge of the two
    /// when `list` is at most `mergeRatio` times longer, else a gallop through `list` per candidate.
    private static func retained(_ candidates: ArraySlice<Int32>, inBuffer list: UnsafeBufferPointer<Int32>) -> [Int32] {
        if list.count > candidates.count * mergeRatio {
            var result: [Int32] = []
            result.reserveCapacity(candidates.count)
            var cursor = 0
            for value in candidates {
                cursor = gallop(list, from: cursor, toFirstAtLeast: value)
                if cursor == list.endIndex { break }
                if list[cursor] == value { result.append(value) }
            }
            return result
        }
        return candidates.withUnsafeBufferPointer { candidates in
            [Int32](unsafeUninitializedCapacity: candidates.count) { result, count in
                // Branch-free: every step writes the smaller value and keeps it only when both
                // lists hold it, then moves past the smaller of the two (or both when equal).
                var kept = 0
                var left = 0
                var right = 0
                while left < candidates.count, right < list.count {
                    let candidate = candidates[left]
                    let other = list[right]
                    result[kept] = candidate
                    let leftStep = oneIfAtMost(candidate, other)
                    let rightStep = oneIfAtMost(other, candidate)
                    kept &+= leftStep & rightStep
                    left &+= leftStep
                    right &+= rightStep
                }
                count = kept
            }
        }
    }

    /// 1 when `value` is at most `limit`, else 0: the sign bit of `value - limit - 1`, not a comparison,
    /// which the compiler turns into a branch that the merge above mispredicts at every other step.
    @inline(__always)
    private static func oneIfAtMost(_ value: Int32, _ limit: Int32) -> Int {
        Int(truncatingIfNeeded: UInt64(bitPattern: Int64(value) &- Int64(limit) &- 1) >> 63)
    }

    /// How much longer than the candidates a list may be for merging to beat galloping.
    static let mergeRatio = 8

    /// The ordinals of `list` that are not in `excluded`, ascending.
    static func subtracting<Excluded: RandomAccessCollection>(_ excluded: Excluded, from list: [Int32]) -> [Int32]
    where Excluded.Element == Int32, Excluded.Index == Int {
        guard !excluded.isEmpty, !list.isEmpty else { return list }
        var cursor = excluded.startIndex
        var result: [Int32] = []
        result.reserveCapacity(list.count)
        for value in list {
            cursor = gallop(excluded, from: cursor, toFirstAtLeast: value)
            if cursor == excluded.endIndex || excluded[cursor] != value {
                result.append(value)
            }
        }
        return result
    }

    /// The ordinals present in any list, ascending and without repeats.
    static func union<List: RandomAccessCollection>(of lists: [List]) -> [Int32]
    where List.Element == Int32, List.Index == Int {
        var result: [Int32] = []
        for list in lists {
            result = merge(result, list)
        }
        return result
    }

    private static func merge<List: RandomAccessCollection>(_ left: [Int32], _ right: List) -> [Int32]
    where List.Element == Int32, List.Index == Int {
        var result: [Int32] = []
        result.reserveCapacity(left.count + right.count)
        var leftIndex = 0
        var rightIndex = right.startIndex
        while leftIndex < left.count, rightIndex < right.endIndex {
            let leftValue = left[leftIndex]
            let rightValue = right[rightIndex]
            if leftValue <= rightValue {
                result.append(leftValue)
                leftIndex += 1
                if leftValue == rightValue { rightIndex += 1 }
            } else {
                result.append(rightValue)
                rightIndex += 1
            }
        }
        result.append(contentsOf: left[leftIndex...])
        result.append(contentsOf: right[rightIndex...])
        return result
    }

    /// The first position at or after `start` whose value is at least `target` (or `endIndex`):
    /// doubling steps, then a binary search within the last step.
    @inline(__always)
    static func gallop<List: RandomAccessCollection>(_ list: List, from start: Int, toFirstAtLeast target: Int32) -> Int
    where List.Element == Int32, List.Index == Int {
        let end = list.endIndex
        guard start < end, list[start] < target else { return start }
        var low = start
        var step = 1
        var high = start + 1
        while high < end, list[high] < target {
            low = high
            step <<= 1
            high = start + step
        }
        high = min(high, end)
        low += 1
        while low < high {
            let middle = (low + high) / 2
            if list[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

extension [Int32] {
    /// Whether the array, ascending, holds `value` (a binary search).
    func contains(sorted value: Int32) -> Bool {
        let index = partitioningIndex { $0 >= value }
        return index < count && self[index] == value
    }
}
