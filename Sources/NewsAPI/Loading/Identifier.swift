/// The shapes ids and codes must have.
enum Identifier {
    /// A slug: `[a-z0-9]+(-[a-z0-9]+)*`, as for entities, measures and claims.
    static func isSlug(_ text: String) -> Bool {
        var previousWasHyphen = true
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                previousWasHyphen = false
            case UInt8(ascii: "-") where !previousWasHyphen:
                previousWasHyphen = true
            default:
                return false
            }
        }
        return !previousWasHyphen
    }

    /// An article or source id: `[A-Za-z0-9._-]+`.
    static func isArticleID(_ text: String) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
                    true
                default:
                    false
                }
            }
    }

    /// A Wikidata item id: `Q` followed by digits (no leading zero).
    static func isWikidataID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "Q"), bytes[1] != UInt8(ascii: "0") else { return false }
        return bytes.dropFirst().allSatisfy { $0 &- UInt8(ascii: "0") < 10 }
    }

    /// A BCP 47 language tag in its common shape: a 2–8 letter language subtag, then `-`-separated
    /// subtags of 1–8 letters or digits (`en`, `zh-Hant`, `pt-BR`).
    static func isLanguageTag(_ text: String) -> Bool {
        let subtags = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let language = subtags.first, (2...8).contains(language.utf8.count),
            language.utf8.allSatisfy({ ($0 | 0x20) &- UInt8(ascii: "a") < 26 })
        else { return false }
        return subtags.dropFirst().allSatisfy { subtag in
            (1...8).contains(subtag.utf8.count)
                && subtag.utf8.allSatisfy { ($0 | 0x20) &- UInt8(ascii: "a") < 26 || $0 &- UInt8(ascii: "0") < 10 }
        }
    }
}
