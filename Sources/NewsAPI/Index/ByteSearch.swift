#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Exact substring search on UTF-8 bytes ("word for word", no Unicode equivalence).
enum ByteSearch {
    /// Whether `needle` occurs in `haystack`, byte for byte.
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        Tokenizer.withUTF8(of: haystack) { hay in
            Tokenizer.withUTF8(of: needle) { pin in
                guard !pin.isEmpty else { return true }
                guard pin.count <= hay.count, let hayBase = hay.baseAddress, let pinBase = pin.baseAddress else {
                    return false
                }
                // Jump between occurrences of the first byte with memchr, then compare the rest.
                var offset = 0
                let lastStart = hay.count - pin.count
                while offset <= lastStart {
                    guard let found = memchr(hayBase + offset, Int32(pinBase[0]), lastStart - offset + 1) else { return false }
                    let position = UnsafeRawPointer(found) - UnsafeRawPointer(hayBase)
                    if memcmp(hayBase + position, pinBase, pin.count) == 0 { return true }
                    offset = position + 1
                }
                return false
            }
        }
    }
}
