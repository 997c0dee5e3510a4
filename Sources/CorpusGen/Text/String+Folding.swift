import Foundation

/// Folding and slugs for names, the way the data format compares them.
extension String {
    /// The name as the server compares names: lowercase, diacritics removed, every run of
    /// other characters one space (`"Tô Lâm"` and `"to-lam"` both fold to `"to lam"`).
    var folded: String {
        var words: [String] = []
        var current = ""
        for scalar in withoutDiacritics.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current += scalar.properties.lowercaseMapping
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty {
            words.append(current)
        }
        return words.joined(separator: " ")
    }

    /// The folded name with `-` between words: a readable id (`"Tô Lâm"` gives `"to-lam"`).
    var slug: String {
        folded.split(separator: " ").joined(separator: "-")
    }

    /// The same text with diacritics removed but case kept (`"José Núñez"` gives `"Jose Nunez"`).
    var withoutDiacritics: String {
        var result = String.UnicodeScalarView()
        for scalar in decomposedStringWithCanonicalMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            result.append(scalar)
        }
        return String(result)
    }

    /// Whether the text holds any letter with a diacritic.
    var hasDiacritics: Bool {
        unicodeScalars.contains { !$0.isASCII }
    }
}
