import Foundation
import NewsFormat

/// Slugs and plain spellings of names.
extension String {
    /// The name's key (as the server compares names) with `-` between words: a readable id
    /// (`"Tô Lâm"` gives `"to-lam"`).
    var slug: String {
        TextFolding.normalizedKey(self).split(separator: " ").joined(separator: "-")
    }

    /// The same text with diacritics removed but case kept (`"José Núñez"` gives `"Jose Nunez"`),
    /// a spelling prose may use for a name.
    var withoutDiacritics: String {
        var result = String.UnicodeScalarView()
        for scalar in decomposedStringWithCanonicalMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            result.append(scalar)
        }
        return String(result)
    }

    /// Whether the text holds any character outside ASCII (a letter with a diacritic, in names).
    var hasDiacritics: Bool {
        unicodeScalars.contains { !$0.isASCII }
    }
}
