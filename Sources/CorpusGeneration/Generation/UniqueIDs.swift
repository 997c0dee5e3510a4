/// Hands out record ids, numbering one already given: `x`, then `x-2`, `x-3`, ...
struct UniqueIDs {
    private var used: Set<String> = []

    /// `base`, or `base-N` with the first number that is still free; either way it is now taken.
    mutating func id(from base: String) -> String {
        var id = base
        var number = 2
        while !used.insert(id).inserted {
            id = base + "-\(number)"
            number += 1
        }
        return id
    }
}
