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
        if !members.isEmpty { needsComma = true }
    }

    /// Writes a comma (when `comma`), then `"name":`, into `buffer` from `start`, copying the name in
    /// one move; returns the bytes written.
    @inlinable static func writeName(
        _ name: StaticString, comma: Bool, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int
    ) -> Int {
        var count = start
        if comma {
            buffer[count] = UInt8(ascii: ",")
            count += 1
        }
        buffer[count] = UInt8(ascii: "\"")
        count += 1
        name.withUTF8Buffer { name in
            if let source = name.baseAddress {
                UnsafeMutableRawPointer(buffer.baseAddress! + count).copyMemory(from: source, byteCount: name.count)
            }
            count += name.count
        }
        buffer[count] = UInt8(ascii: "\"")
        buffer[count + 1] = UInt8(ascii: ":")
        return count + 2 - start
    }
}
