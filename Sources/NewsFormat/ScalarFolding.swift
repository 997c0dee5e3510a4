import Foundation

/// How each Unicode scalar folds: whether it belongs to a token, and what it becomes.
///
/// Scalars below U+3000 (Latin, Greek, Cyrillic, Vietnamese and the rest of the alphabetic
/// blocks) are folded once into a table; anything else is folded on demand.
@usableFromInline package enum ScalarFolding {
    /// What a scalar is to the tokenizer.
    @usableFromInline package enum Role: UInt8 {
        /// Ends a token (spaces, punctuation, symbols).
        case separator = 0
        /// Continues a token without adding text (combining marks).
        case joiner = 1
        /// A letter or digit; it adds its folded UTF-8 bytes to the token.
        case character = 2
    }

    /// The scalars covered by the table.
    @usableFromInline static let tableLimit: UInt32 = 0x3000

    /// Per scalar below `tableLimit`: the role in byte 0, the folded length in byte 1 and up to six
    /// folded UTF-8 bytes in bytes 2...7. A length of 7 means "too long, fold on demand".
    @usableFromInline static let table: [UInt64] = (0..<tableLimit).map { value in
        guard let scalar = Unicode.Scalar(value) else { return 0 }
        let (role, bytes) = fold(scalar)
        if bytes.count > 6 { return UInt64(role.rawValue) | 7 << 8 }
        var packed = UInt64(role.rawValue) | UInt64(bytes.count) << 8
        for (index, byte) in bytes.enumerated() {
            packed |= UInt64(byte) << (16 + 8 * UInt64(index))
        }
        return packed
    }

    /// Letters whose base letter Unicode decomposition does not reveal.
    static let specialFolds: [Unicode.Scalar: String] = [
        "đ": "d", "ð": "d", "ø": "o", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th",
        "ı": "i", "ħ": "h", "ŧ": "t", "ŋ": "n", "ƒ": "f", "ς": "σ", "ĸ": "k",
    ]

    /// Folds one scalar the slow way: lowercase, compatibility-decompose, drop marks.
    @usableFromInline static func fold(_ scalar: Unicode.Scalar) -> (Role, [UInt8]) {
        switch role(of: scalar) {
        case .separator: return (.separator, [])
        case .joiner: return (.joiner, [])
        case .character: break
        }
        if scalar.value >= tableLimit && !scalar.properties.changesWhenNFKCCaseFolded {
            // CJK, kana, Hangul and the like: nothing to fold.
            return (.character, Array(String(scalar).utf8))
        }
        let decomposed = String(scalar).lowercased().decomposedStringWithCompatibilityMapping.lowercased()
        var folded = ""
        for part in decomposed.unicodeScalars where role(of: part) == .character {
            if let special = specialFolds[part] {
                folded += special
            } else {
                folded.unicodeScalars.append(part)
            }
        }
        return (.character, Array(folded.utf8))
    }

    /// Whether a scalar is a letter or digit, a combining mark, or a separator.
    @usableFromInline static func role(of scalar: Unicode.Scalar) -> Role {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber:
            return .character
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return .joiner
        default:
            return .separator
        }
    }
}
