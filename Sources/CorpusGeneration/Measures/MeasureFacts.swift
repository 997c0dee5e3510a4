import NewsFormat

/// The facts of one trade measure as words, and the sentences, title and description made from them.
struct MeasureFacts {
    /// How the implementing countries are named in quotes.
    let implementing: [String]
    /// The affected countries' names.
    let affected: [String]
    let products: [String]
    let rate: TradeMeasure.Rate?
    /// The name of the first targeted firm, if any.
    let firm: String?
    /// The day it takes effect in prose ("4 March 2024"), when the article states it.
    let inForce: String?
    /// The weekday it was announced on.
    let weekday: String

    /// Sentences an article may report the measure with; each citing article takes a different one.
    func quotes(for type: MeasureType) -> [String] {
        let (i, a, p, w) = (list(implementing), list(affected), list(products), weekday)
        switch type {
        case .tariff:
            return [
                "\(i) will impose \(tariff) on \(p) imported from \(a), the trade ministry said on \(w).",
                "\(i) raised duties on \(p) from \(a) to \(rateText), officials said.",
                "Imports of \(p) from \(a) will face \(tariff) under the plan announced by \(i).",
                "\(i) confirmed \(tariff) on \(p) from \(a) on \(w).",
            ]
        case .antiDumping:
            var quotes = [
                "\(i) imposed anti-dumping duties of \(rateText) on \(p) from \(a) after an investigation found the goods were sold below cost.",
                "\(i) set anti-dumping duties of \(rateText) on \(p) shipped from \(a), the commerce ministry said.",
            ]
            if let firm {
                quotes.append("\(i) set an anti-dumping duty of \(rateText) on \(p) made by \(firm).")
            }
            return quotes
        case .countervailing:
            return [
                "\(i) will levy countervailing duties of \(rateText) on \(p) from \(a), saying producers there received unfair subsidies.",
                "Countervailing duties of \(rateText) on \(p) from \(a) were confirmed by \(i) on \(w).",
            ]
        case .safeguard:
            return [
                "\(i) introduced safeguard measures on imports of \(p), including a \(rateText) duty on shipments above a quota.",
                "\(i) said a safeguard duty of \(rateText) on \(p) would shield domestic producers from a surge in imports from \(a).",
            ]
        case .rulesOfOrigin:
            return [
                "\(i) tightened rules of origin for \(p), requiring \(rateText) local content to qualify for lower duties.",
                "Under new rules announced by \(i), \(p) must contain \(rateText) local content to count as domestic.",
            ]
        case .marketAccess:
            return [
                "\(i) agreed to lift quotas on \(p) from \(a), officials said on \(w).",
                "\(i) will remove import quotas on \(p) from \(a) under a new agreement.",
                "Exporters of \(p) in \(a) will gain duty-free access to \(i) under the deal.",
            ]
        case .exportControl:
            var quotes = [
                "\(i) will require licenses for exports of \(p) to \(a), the commerce ministry said on \(w).",
                "New export controls announced by \(i) cover \(p) bound for \(a).",
            ]
            if let firm {
                quotes.append("\(i) added \(firm) to an export control list, restricting sales of \(p) to the company.")
            }
            return quotes
        case .investmentScreening:
            var quotes = [
                "\(i) will screen foreign investments from \(a) in companies that make \(p), citing national security.",
                "\(i) tightened the review of investments from \(a) in the \(p) sector.",
            ]
            if let firm {
                quotes.append("\(i) blocked a bid by \(firm) for a local producer of \(p), citing national security.")
            }
            return quotes
        case .technicalBarrierToTrade:
            return [
                "\(i) will require \(p) from \(a) to pass new safety certification before sale, regulators said on \(w).",
                "New technical standards for \(p) announced by \(i) apply to shipments from \(a).",
            ]
        case .subsidy:
            return [
                "\(i) will pay producers of \(p) subsidies to compete with imports from \(a), the ministry said on \(w).",
                "\(i) announced state aid for its \(p) industry.",
            ]
        case .quota:
            return [
                "\(i) capped imports of \(p) from \(a) under a new quota, officials said on \(w).",
                "A quota announced by \(i) limits shipments of \(p) from \(a).",
            ]
        case .importBan:
            return [
                "\(i) banned imports of \(p) from \(a), the trade ministry said on \(w).",
                "Imports of \(p) from \(a) are barred under a ban announced by \(i).",
            ]
        case .exportTax:
            return [
                "\(i) will tax exports of \(p) to \(a) at \(rateText), the finance ministry said on \(w).",
                "An export tax of \(rateText) on \(p) was announced by \(i).",
            ]
        case .other:
            return [
                "\(i) banned imports of \(p) from \(a) pending a safety review.",
                "\(i) suspended purchases of \(p) from \(a), officials said on \(w).",
            ]
        }
    }

    /// A sentence that also states the day the measure takes effect.
    func quoteWithDate(for type: MeasureType) -> String {
        let (i, a, p, d) = (list(implementing), list(affected), list(products), inForce ?? "")
        switch type {
        case .tariff: return "\(i) will impose \(tariff) on \(p) from \(a) from \(d)."
        case .antiDumping: return "\(i) will collect anti-dumping duties of \(rateText) on \(p) from \(a) from \(d)."
        case .countervailing: return "Countervailing duties of \(rateText) on \(p) from \(a) will apply in \(i) from \(d)."
        case .safeguard: return "A safeguard duty of \(rateText) on imports of \(p) will take effect in \(i) on \(d)."
        case .rulesOfOrigin:
            return "New rules of origin for \(p) requiring \(rateText) local content will apply in \(i) from \(d)."
        case .marketAccess: return "Duty-free access for \(p) from \(a) to \(i) will begin on \(d)."
        case .exportControl: return "Licenses will be required for exports of \(p) from \(i) to \(a) from \(d)."
        case .investmentScreening:
            return "Stricter screening of investments from \(a) in the \(p) sector will apply in \(i) from \(d)."
        case .technicalBarrierToTrade: return "New technical standards for \(p) from \(a) will apply in \(i) from \(d)."
        case .subsidy: return "Subsidies for producers of \(p) in \(i) will be paid from \(d)."
        case .quota: return "A quota on imports of \(p) from \(a) will apply in \(i) from \(d)."
        case .importBan: return "A ban on imports of \(p) from \(a) will take effect in \(i) on \(d)."
        case .exportTax: return "An export tax of \(rateText) on \(p) will apply in \(i) from \(d)."
        case .other: return "A ban on imports of \(p) from \(a) will take effect in \(i) on \(d)."
        }
    }

    /// A short title: "Veldoria tariff on steel from Norland".
    func title(for type: MeasureType, implementing country: String) -> String {
        let (p, a) = (products[0], affected.first ?? "all countries")
        switch type {
        case .tariff: return "\(country) tariff on \(p) from \(a)"
        case .antiDumping: return "\(country) anti-dumping duties on \(p) from \(a)"
        case .countervailing: return "\(country) countervailing duties on \(p) from \(a)"
        case .safeguard: return "\(country) safeguard duty on \(p)"
        case .rulesOfOrigin: return "\(country) rules of origin for \(p)"
        case .marketAccess: return "\(country) market opening for \(p) from \(a)"
        case .exportControl: return "\(country) export controls on \(p) to \(a)"
        case .investmentScreening: return "\(country) screening of \(a) investment in \(p)"
        case .technicalBarrierToTrade: return "\(country) technical standards for \(p)"
        case .subsidy: return "\(country) subsidies for \(p)"
        case .quota: return "\(country) import quota on \(p) from \(a)"
        case .importBan: return "\(country) import ban on \(p) from \(a)"
        case .exportTax: return "\(country) export tax on \(p)"
        case .other: return "\(country) import ban on \(p) from \(a)"
        }
    }

    /// What the measure does, in our words.
    func description(for type: MeasureType) -> String {
        let (a, p) = (list(affected), list(products))
        switch type {
        case .tariff: return "Imposes a tariff of \(rateText) on \(p) imported from \(a)."
        case .antiDumping: return "Anti-dumping duties of \(rateText) on \(p) from \(a), found to be sold below cost."
        case .countervailing: return "Countervailing duties of \(rateText) on \(p) from \(a), to offset subsidies."
        case .safeguard: return "A safeguard duty of \(rateText) on imports of \(p) above a quota."
        case .rulesOfOrigin: return "Requires \(rateText) local content for \(p) to count as domestic."
        case .marketAccess: return "Removes quotas and duties on \(p) from \(a)."
        case .exportControl:
            return "Requires export licenses for \(p) shipped to \(a)" + (firm.map { ", naming \($0)" } ?? "") + "."
        case .investmentScreening: return "Screens investments from \(a) in the \(p) sector on security grounds."
        case .technicalBarrierToTrade: return "Requires \(p) from \(a) to meet new technical standards before sale."
        case .subsidy: return "Pays subsidies to domestic producers of \(p)."
        case .quota: return "Caps imports of \(p) from \(a) under a quota."
        case .importBan: return "Bans imports of \(p) from \(a)."
        case .exportTax: return "Taxes exports of \(p) at \(rateText)."
        case .other: return "Bans imports of \(p) from \(a) pending a safety review."
        }
    }

    /// The rate in words: "25 percent", "up to 12.5 percent", "at least 40 percent".
    private var rateText: String {
        guard let rate else {
            return ""
        }
        let value = rate.value == rate.value.rounded() ? String(Int(rate.value)) : String(rate.value)
        switch rate.qualifier {
        case .exact: return "\(value) percent"
        case .upTo: return "up to \(value) percent"
        case .atLeast: return "at least \(value) percent"
        }
    }

    /// "a 25 percent tariff" or "a tariff of up to 25 percent".
    private var tariff: String {
        rate?.qualifier == .exact ? "a \(rateText) tariff" : "a tariff of \(rateText)"
    }

    /// "a", "a and b", "a, b and c".
    private func list(_ items: [String]) -> String {
        guard items.count > 1 else {
            return items.first ?? ""
        }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
