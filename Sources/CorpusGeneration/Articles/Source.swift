/// A publication the synthetic articles come from.
struct Source: Sendable {
    let id: String
    let name: String
    /// The web domain for article URLs; nil for an agency whose stories carry none.
    let domain: String?
    /// The share of its items that are briefs rather than full articles.
    let briefShare: Double
    /// Whether it prints “curly” quotation marks rather than straight ones.
    let curlyQuotes: Bool
    /// Its section labels.
    let sections: [String]
    /// The section labels as they appear in URLs ("Supply Chains" → "supply-chains").
    let sectionSlugs: [String]

    /// Creates a publication.
    init(id: String, name: String, domain: String?, briefShare: Double, curlyQuotes: Bool, sections: [String]) {
        self.id = id
        self.name = name
        self.domain = domain
        self.briefShare = briefShare
        self.curlyQuotes = curlyQuotes
        self.sections = sections
        sectionSlugs = sections.map(\.slug)
    }

    /// The publications, the most prolific first.
    static let all: [Source] = [
        Source(
            id: "meridian-ledger", name: "The Meridian Ledger", domain: "meridianledger.example",
            briefShare: 0.08, curlyQuotes: true, sections: ["World", "Business", "Economy", "Politics", "Markets"]),
        Source(
            id: "continental-wire", name: "Continental Wire", domain: nil,
            briefShare: 0.4, curlyQuotes: false, sections: ["World", "Business", "Markets", "Commodities"]),
        Source(
            id: "harbor-times", name: "Harbor Times", domain: "harbortimes.example",
            briefShare: 0.12, curlyQuotes: true, sections: ["News", "Business", "Ports", "Opinion"]),
        Source(
            id: "daily-compass", name: "The Daily Compass", domain: "dailycompass.example",
            briefShare: 0.15, curlyQuotes: false, sections: ["World", "Economy", "Asia", "Europe", "Americas"]),
        Source(
            id: "northgate-post", name: "Northgate Post", domain: "northgatepost.example",
            briefShare: 0.1, curlyQuotes: true, sections: ["Politics", "Business", "Technology"]),
        Source(
            id: "global-trade-review", name: "Global Trade Review", domain: "globaltradereview.example",
            briefShare: 0.05, curlyQuotes: true, sections: ["Trade", "Policy", "Supply Chains", "Analysis"]),
        Source(
            id: "eastern-herald", name: "Eastern Herald", domain: "easternherald.example",
            briefShare: 0.2, curlyQuotes: false, sections: ["Region", "Economy", "Diplomacy"]),
        Source(
            id: "capital-observer", name: "The Capital Observer", domain: "capitalobserver.example",
            briefShare: 0.1, curlyQuotes: true, sections: ["Politics", "Policy", "World"]),
        Source(
            id: "market-dispatch", name: "Market Dispatch", domain: "marketdispatch.example",
            briefShare: 0.3, curlyQuotes: false, sections: ["Markets", "Companies", "Commodities", "Currencies"]),
        Source(
            id: "riverside-gazette", name: "Riverside Gazette", domain: "riversidegazette.example",
            briefShare: 0.15, curlyQuotes: false, sections: ["Local", "Business", "Farming"]),
        Source(
            id: "atlas-news-agency", name: "Atlas News Agency", domain: nil,
            briefShare: 0.45, curlyQuotes: false, sections: ["World", "Economy", "Energy"]),
        Source(
            id: "pacific-courier", name: "Pacific Courier", domain: "pacificcourier.example",
            briefShare: 0.12, curlyQuotes: true, sections: ["Asia", "Business", "Shipping"]),
        Source(
            id: "summit-business-daily", name: "Summit Business Daily", domain: "summitbusiness.example",
            briefShare: 0.1, curlyQuotes: true, sections: ["Companies", "Industry", "Technology", "Markets"]),
        Source(
            id: "evening-chronicle", name: "The Evening Chronicle", domain: "eveningchronicle.example",
            briefShare: 0.18, curlyQuotes: false, sections: ["News", "World", "Money"]),
        Source(
            id: "boreal-broadcasting", name: "Boreal Broadcasting", domain: "borealbroadcasting.example",
            briefShare: 0.25, curlyQuotes: false, sections: ["News", "Business", "World"]),
        Source(
            id: "commodity-watch", name: "Commodity Watch", domain: "commoditywatch.example",
            briefShare: 0.2, curlyQuotes: false, sections: ["Metals", "Energy", "Agriculture"]),
        Source(
            id: "industrial-journal", name: "The Industrial Journal", domain: "industrialjournal.example",
            briefShare: 0.06, curlyQuotes: true, sections: ["Manufacturing", "Steel", "Autos", "Electronics"]),
        Source(
            id: "southern-cross-news", name: "Southern Cross News", domain: "southerncross.example",
            briefShare: 0.15, curlyQuotes: false, sections: ["World", "Region", "Economy"]),
        Source(
            id: "policy-brief", name: "The Policy Brief", domain: "policybrief.example",
            briefShare: 0.05, curlyQuotes: true, sections: ["Analysis", "Trade", "Security"]),
        Source(
            id: "lantern-media", name: "Lantern Media", domain: "lanternmedia.example",
            briefShare: 0.2, curlyQuotes: false, sections: ["News", "Tech", "Business"]),
    ]
}
