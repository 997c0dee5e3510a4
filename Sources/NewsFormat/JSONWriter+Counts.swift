extension JSONWriter {
    /// Writes members with integer values (`"a":1,"b":2`), their names literals that need no escaping,
    /// in one append: for objects of many counts written many times over (a counted timeline's periods).
    /// Each name is copied whole, not byte by byte.
    @inlinable package mutating func members(ascii members: (name: StaticString, value: Int)...) {
        var capacity = 0
        for member in members { capacity += member.name.utf8CodeUnitCount + 25 }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var count = 0
            for member in members {
                count += JSONWriter.writeName(member.name, comma: needsComma, into: buffer, at: count)
                needsComma = true
                count += JSONWriter.writeDigits(of: member.value, into: UnsafeMutableBufferPointer(rebasing: buffer[count...]))
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }
}
