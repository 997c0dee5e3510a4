/// Folding makes text comparable the way readers compare it: case and diacritics ignored.
package enum TextFolding {
    /// `text` in lowercase without diacritics (`Tô Lâm` becomes `to lam`, `Đà Nẵng` becomes `da nang`);
    /// characters that are not letters or digits are kept as they are.
    package static func fold(_ text: String) -> String {
        var folded = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                folded.append(Unicode.Scalar(byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte))
                continue
            }
            let (role, bytes) = ScalarFolding.fold(scalar)
            switch role {
            case .character: folded.append(contentsOf: String(decoding: bytes, as: UTF8.self).unicodeScalars)
            case .joiner: break
            case .separator: folded.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            }
        }
        return String(folded)
    }

    /// The key names and aliases are compared by: folded tokens joined by single spaces, so
    /// `U.S.` gives `u s`, `united-states` gives `united states` and `Tô Lâm` gives `to lam`.
    package static func normalizedKey(_ text: String) -> String {
        var key = ""
        Tokenizer.withUTF8(of: text) { bytes in
            Tokenizer.scan(bytes) { folded, _ in
                if !key.isEmpty { key.append(" ") }
                key.append(String(decoding: folded, as: UTF8.self))
            }
        }
        return key
    }
}
