import NewsAPI

/// Parses any bytes as a raw query string and checks the decoding against a byte-level reading of the
/// same string: one item per `&`-separated piece, split at its first `=`, nothing lost or invented;
/// percent-encoding what was decoded and parsing it again gives the same items; and
/// `Request(target:)` splits the query off at the first `?` byte.
enum QueryItemsTarget {
    /// Runs one input.
    static func run(_ input: [UInt8]) {
        let raw = String(decoding: input, as: UTF8.self)
        let items = QueryItems(parsing: raw[...])
        let context = raw.debugDescription
        // Separators are ASCII bytes: a combining mark after `&` or `=` does not hide them.
        let pieces = Array(raw.utf8).split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true)
        FuzzCheck.expect(
            items.items.count == pieces.count,
            "\(pieces.count) `&`-separated pieces gave \(items.items.count) items: \(context)")
        for (item, piece) in zip(items, pieces) {
            let hasEquals = piece.contains(UInt8(ascii: "="))
            FuzzCheck.expect(
                (item.value == nil) == !hasEquals,
                "piece \(String(decoding: piece, as: UTF8.self).debugDescription) gave value \(String(describing: item.value)) (\(context))"
            )
            if !piece.contains(UInt8(ascii: "%")), !piece.contains(UInt8(ascii: "+")) {
                let name = piece.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)[0]
                FuzzCheck.expect(
                    Array(item.name.utf8) == Array(name),
                    "piece \(String(decoding: piece, as: UTF8.self).debugDescription) gave name \(item.name.debugDescription) (\(context))"
                )
            }
        }
        let encoded = items.map { item in
            percentEncoded(item.name) + (item.value.map { "=" + percentEncoded($0) } ?? "")
        }.joined(separator: "&")
        FuzzCheck.expect(
            QueryItems(parsing: encoded[...]) == items,
            "round trip changed the items: \(context) → \(encoded.debugDescription)")
        let request = Request(target: "/articles?" + raw)
        FuzzCheck.expect(
            request.path == "/articles" && request.query == items,
            "Request(target: \"/articles?\" + \(context)) gave path \(request.path.debugDescription) and \(request.query.items.count) items, not \(items.items.count)"
        )
    }

    /// Every byte but the unreserved ones (RFC 3986 §2.3) as `%XX`.
    private static func percentEncoded(_ text: String) -> String {
        let digits = Array("0123456789ABCDEF".unicodeScalars)
        var encoded = String.UnicodeScalarView()
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                encoded.append(Unicode.Scalar(byte))
            default:
                encoded.append("%")
                encoded.append(digits[Int(byte >> 4)])
                encoded.append(digits[Int(byte & 0xF)])
            }
        }
        return String(encoded)
    }
}
