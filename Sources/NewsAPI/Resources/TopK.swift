/// Picks the best few of many without sorting them all.
enum TopK {
    /// The indices of the `count` best elements of `values` in order, best first; `isBetter` must be a
    /// strict total order. Costs O(n log count) rather than O(n log n).
    static func indices<T>(of values: [T], count: Int, by isBetter: (Int, Int) -> Bool) -> [Int] {
        guard count > 0, !values.isEmpty else { return [] }
        // A heap of the best seen so far, whose root is the worst of them.
        var heap: [Int] = []
        heap.reserveCapacity(min(count, values.count))
        for index in values.indices {
            if heap.count < count {
                heap.append(index)
                siftUp(&heap, from: heap.count - 1, isBetter)
            } else if isBetter(index, heap[0]) {
                heap[0] = index
                siftDown(&heap, from: 0, isBetter)
            }
        }
        return heap.sorted(by: isBetter)
    }

    private static func siftUp(_ heap: inout [Int], from start: Int, _ isBetter: (Int, Int) -> Bool) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard isBetter(heap[parent], heap[child]) else { return }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    private static func siftDown(_ heap: inout [Int], from start: Int, _ isBetter: (Int, Int) -> Bool) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var worst = parent
            if left < heap.count, isBetter(heap[worst], heap[left]) { worst = left }
            if right < heap.count, isBetter(heap[worst], heap[right]) { worst = right }
            if worst == parent { return }
            heap.swapAt(parent, worst)
            parent = worst
        }
    }
}
