/// Set operations on ascending lists of article ordinals, in time proportional to the smaller lists.
public enum SortedOrdinals {
    /// The ordinals present in every list, ascending. Walks the shortest list and gallops through
    /// the others. No lists, or any empty list, gives an empty result.
    public static func intersection<List: RandomAccessCollection>(of lists: [List]) -> [Int32]
    where List.Element == Int32, List.Index == Int {
        guard !lists.isEmpty else { return [] }
        let sorted = lists.sorted { $0.count < $1.count }
        guard let shortest = sorted.first, !shortest.isEmpty else { return [] }
        if sorted.count == 1 { return Array(shortest) }
        var cursors = sorted.map(\.startIndex)
        var result: [Int32] = []
        result.reserveCapacity(shortest.count)
        candidates: for value in shortest {
            for list in 1..<sorted.count {
                let position = gallop(sorted[list], from: cursors[list], toFirstAtLeast: value)
                cursors[list] = position
                if position == sorted[list].endIndex { break candidates }
                if sorted[list][position] != value { continue candidates }
            }
            result.append(value)
        }
        return result
    }

    /// The ordinals of `list` that are not in `excluded`, ascending.
    public static func subtracting<Excluded: RandomAccessCollection>(_ excluded: Excluded, from list: [Int32]) -> [Int32]
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
    public static func union<List: RandomAccessCollection>(of lists: [List]) -> [Int32]
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
