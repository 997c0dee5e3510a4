/// Byte strings stored back to back in one buffer and read in place by number, so writing one reads
/// no array of its own (and counts no reference).
struct PackedBytes: Sendable {
    private var bytes: [UInt8] = []
    /// Where each string starts in `bytes`; one more for the end.
    private var offsets: [Int32] = [0]

    /// How many strings there are.
    var count: Int { offsets.count - 1 }

    /// Adds `item` as the next string.
    mutating func append(_ item: [UInt8]) {
        bytes += item
        offsets.append(Int32(bytes.count))
    }

    /// Calls `body` with the bytes of string `number`, read in place.
    func withBytes<Result>(_ number: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let range = Int(offsets[number])..<Int(offsets[number + 1])
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }
}
