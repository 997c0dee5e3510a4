#if DEBUG || FUZZING
    @testable import NewsAPI
#endif

/// Checks that bytes are one strict JSON document, with the store's own RFC 8259 parser. The parser
/// is internal to the library, so the checks need `@testable` (a debug build, or the fuzzing build,
/// which enables testing); other builds of this tool skip them.
enum JSONCheck {
    /// Expects `bytes` to be exactly one JSON value.
    static func expectDocument(_ bytes: ArraySlice<UInt8>, _ context: @autoclosure () -> String) {
        #if DEBUG || FUZZING
            let result = bytes.withUnsafeBufferPointer { buffer in
                Result { () throws(JSONSyntaxError) in try JSONParser.parse(buffer) }
            }
            if case .failure(let error) = result {
                FuzzCheck.expect(
                    false, "invalid JSON (\(error)) in \(context()): \(String(decoding: bytes.prefix(300), as: UTF8.self))")
            }
        #endif
    }

    /// Expects `bytes` to be a JSON object whose member `name` is the integer `value`.
    static func expectMember(_ name: String, of bytes: [UInt8], equalTo value: Int, _ context: @autoclosure () -> String) {
        #if DEBUG || FUZZING
            guard case .object(let object)? = try? JSONParser.parse(bytes), case .number(let number)? = object[name] else {
                FuzzCheck.expect(false, "no numeric \"\(name)\" in \(context())")
                return
            }
            FuzzCheck.expect(number.integer == Int64(value), "\"\(name)\" is \(number) instead of \(value) in \(context())")
        #endif
    }
}
