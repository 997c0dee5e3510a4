import NewsFormat

/// Makes the entities of a corpus: countries first (everything else belongs to one), then
/// places, organisations, companies, products and people, each with unique folded names.
struct EntityFactory {
    private var rng: Xoshiro256
    private var registry: NameRegistry
    private var entities: [Entity] = []
    private var countries: [Int] = []
    private var companies: [Int] = []
    private var organizations: [Int] = []
    private var usedWikidataIDs: Set<Int> = []
    /// Roles a country has only one of ("president"), once given.
    private var heldOffices: Set<String> = []

    /// Makes a catalog of `count` entities (at least 100), the same for the same seed.
    static func makeCatalog(count: Int, seed: UInt64, lexicon: Lexicon) -> EntityCatalog {
        var factory = EntityFactory(seed: seed, vocabulary: lexicon.words)
        let countryCount = min(max(count / 25, 30), 200)
        let rest = count - countryCount
        let people = rest * 45 / 100
        let companies = rest * 20 / 100
        let organizations = rest * 12 / 100
        let products = rest * 10 / 100
        let places = rest - people - companies - organizations - products
        for _ in 0..<countryCount { factory.addCountry() }
        for _ in 0..<places { factory.addPlace() }
        for _ in 0..<organizations { factory.addOrganization() }
        for _ in 0..<companies { factory.addCompany() }
        for _ in 0..<products { factory.addProduct() }
        for _ in 0..<people { factory.addPerson() }
        return EntityCatalog(entities: factory.entities)
    }

    private init(seed: UInt64, vocabulary: Set<String>) {
        rng = Xoshiro256(seed: seed, stream: .entities)
        let personWords = Set(NameMaker.personNameWords.flatMap(Tokenizer.foldedTokens(in:)))
        registry = NameRegistry(vocabulary: vocabulary, personWords: personWords)
    }

    // MARK: Countries and places

    private mutating func addCountry() {
        let twoWords = rng.chance(0.12)
        let name = uniqueName { factory in
            let base = NameMaker.country(&factory.rng)
            return twoWords ? factory.rng.pick(NameMaker.compassPrefixes) + " " + base : base
        }
        let formal = rng.chance(0.75) ? rng.pick(NameMaker.formalPrefixes) + " " + name : nil
        let demonym = NameMaker.demonym(of: name)
        let capital = NameMaker.place(&rng)
        let acronym = twoWords ? NameMaker.acronym(of: name) : formal.map(NameMaker.acronym(of:))
        let useAcronym = acronym != nil && (twoWords || rng.chance(0.2))

        let hasFormal = formal.map { registry.claim($0) } ?? false
        let hasDemonym = registry.claim(demonym)
        let hasCapital = rng.chance(0.6) && registry.claim(capital)
        let hasAcronym = useAcronym && registry.claim(acronym!)
        var aliases: [String] = []
        var mentions = [name]
        if hasFormal { aliases.append(formal!); mentions.append("the " + formal!) }
        if hasDemonym { aliases.append(demonym) }
        if hasCapital { aliases.append(capital); mentions.append(capital) }
        if hasAcronym { aliases.append(acronym!); mentions.append(acronym!) }

        var description = rng.pick(Self.countryFeatures) + " country in " + rng.pick(Self.regions)
        if hasCapital {
            description += ", with its capital at " + capital
        }
        let index = entities.count
        countries.append(index)
        entities.append(
            Entity(
                id: name.slug, name: name, kind: .country, aliases: aliases,
                caseSensitiveAliases: hasAcronym ? [acronym!] : [],
                wikidataID: wikidataID(probability: 0.9), description: description,
                mentions: mentions.map { Array($0.utf8) }, laterMention: nil, role: nil,
                demonym: hasDemonym ? Array(demonym.utf8) : nil, country: index
            ))
    }

    private mutating func addPlace() {
        let name = uniqueName { NameMaker.place(&$0.rng) }
        let country = rng.pick(countries)
        var aliases: [String] = []
        let words = name.split(separator: " ")
        if words.count == 2, rng.chance(0.5) {
            aliases = registry.claimAliases([String(words[1])])
        } else if words.count == 1, rng.chance(0.15) {
            aliases = registry.claimAliases([name + " City"])
        }
        entities.append(
            Entity(
                id: name.slug, name: name, kind: .place, aliases: aliases, caseSensitiveAliases: [],
                wikidataID: wikidataID(probability: 0.4),
                description: rng.pick(Self.placeKinds) + " " + entities[country].name,
                mentions: ([name] + aliases).map { Array($0.utf8) }, laterMention: nil, role: nil,
                demonym: nil, country: country
            ))
    }

    // MARK: Organisations, companies and products

    private mutating func addOrganization() {
        let national = rng.chance(0.6)
        var country: Int?
        var description = ""
        var alternative: String?
        let name = uniqueName { factory in
            if national {
                let home = factory.entities[factory.rng.pick(factory.countries)]
                let body = factory.rng.pick(Self.nationalBodies)
                country = home.country
                description = body.lowercased() + " of " + home.name
                alternative = body + " of " + home.name
                let adjective = home.demonym.map { String(decoding: $0, as: UTF8.self) } ?? home.name
                return (factory.rng.chance(0.5) ? adjective : home.name) + " " + body
            }
            let field = factory.rng.pick(Self.fields)
            let body = factory.rng.pick(Self.internationalBodies)
            country = nil
            description = "international " + field.lowercased() + " " + body.lowercased()
            alternative = nil
            return factory.rng.pick(Self.regionWords) + " " + field + " " + body
        }
        let acronym = NameMaker.acronym(of: name)
        var aliases = registry.claimAliases([alternative].compactMap { rng.chance(0.4) ? $0 : nil })
        var caseSensitive: [String] = []
        if acronym.count >= 2, rng.chance(0.8), registry.claim(acronym) {
            aliases.append(acronym)
            caseSensitive.append(acronym)
        }
        organizations.append(entities.count)
        entities.append(
            Entity(
                id: name.slug, name: name, kind: .organization, aliases: aliases,
                caseSensitiveAliases: caseSensitive, wikidataID: wikidataID(probability: 0.35),
                description: description, mentions: ([name] + aliases).map { Array($0.utf8) },
                laterMention: nil, role: nil, demonym: nil, country: country
            ))
    }

    private mutating func addCompany() {
        let home = rng.pick(countries)
        let industry = rng.pick(Self.industries)
        let form = rng.below(10)
        var brand = ""
        let name = uniqueName { factory in
            brand = NameMaker.brand(&factory.rng)
            switch form {
            case 0..<5:
                return brand + " " + factory.rng.pick(Self.companySuffixes)
            case 5..<8:
                return brand + " " + industry + " " + factory.rng.pick(Self.genericSuffixes)
            default:
                brand = ""
                let country = factory.entities[home]
                let adjective = country.demonym.map { String(decoding: $0, as: UTF8.self) } ?? country.name
                return adjective + " " + industry + " " + factory.rng.pick(Self.genericSuffixes)
            }
        }
        var aliases: [String] = []
        var caseSensitive: [String] = []
        if !brand.isEmpty, name.hasPrefix(brand + " "), rng.chance(0.5), registry.claim(brand) {
            aliases.append(brand)
        }
        let acronym = NameMaker.acronym(of: name)
        if name.split(separator: " ").count >= 3, acronym.count >= 3, rng.chance(0.7), registry.claim(acronym) {
            aliases.append(acronym)
            caseSensitive.append(acronym)
        }
        let place = entities[home].demonym.map { String(decoding: $0, as: UTF8.self) + " " }
        let description =
            (place ?? "") + industry.lowercased() + " company"
            + (place == nil ? " based in " + entities[home].name : "")
        companies.append(entities.count)
        entities.append(
            Entity(
                id: name.slug, name: name, kind: .company, aliases: aliases,
                caseSensitiveAliases: caseSensitive, wikidataID: wikidataID(probability: 0.3),
                description: description, mentions: ([name] + aliases).map { Array($0.utf8) },
                laterMention: brand.isEmpty ? nil : Array(brand.utf8), role: nil, demonym: nil, country: home
            ))
    }

    private mutating func addProduct() {
        let maker = entities[rng.pick(companies)]
        let makerBrand = maker.laterMention.map { String(decoding: $0, as: UTF8.self) } ?? NameMaker.brand(&rng)
        var model = ""
        var code = ""
        let name = uniqueName { factory in
            model = factory.rng.pick(Self.productModels)
            code = factory.productCode()
            let brand = factory.rng.chance(0.7) ? makerBrand : NameMaker.brand(&factory.rng)
            return [brand, model, code].filter { !$0.isEmpty }.joined(separator: " ")
        }
        let aliases = code.isEmpty ? [] : registry.claimAliases([model + " " + code])
        entities.append(
            Entity(
                id: name.slug, name: name, kind: .product, aliases: aliases, caseSensitiveAliases: [],
                wikidataID: wikidataID(probability: 0.2),
                description: rng.pick(Self.productCategories) + " made by " + maker.name,
                mentions: ([name] + aliases).map { Array($0.utf8) }, laterMention: nil, role: nil,
                demonym: nil, country: maker.country
            ))
    }

    private mutating func productCode() -> String {
        switch rng.below(6) {
        case 0: return String(rng.pick(Array("XSTQ"))) + String(rng.int(in: 2...9))
        case 1: return String(rng.int(in: 1...9) * 100)
        case 2: return rng.pick(["Pro", "Max", "Lite", "GT", "EV", "Plus"])
        default: return ""
        }
    }

    // MARK: People

    private mutating func addPerson() {
        var given = ""
        var family = ""
        let name = uniqueName { factory in
            given = NameMaker.givenName(&factory.rng)
            family = NameMaker.familyName(&factory.rng)
            return given + " " + family
        }
        var candidates: [String] = []
        if let initial = given.first, rng.chance(0.6) {
            candidates.append("\(initial). \(family)")
        }
        if rng.chance(0.3) {
            candidates.append("\(given) \(rng.pick(Array("ABCDEFGHJKLMNPRSTW"))). \(family)")
        }
        let aliases = registry.claimAliases(candidates)
        var mentions = [name] + aliases
        if name.hasDiacritics {
            mentions.append(name.withoutDiacritics)
        }
        let (role, description, country) = personRole()
        entities.append(
            Entity(
                id: name.slug, name: name, kind: .person, aliases: aliases, caseSensitiveAliases: [],
                wikidataID: wikidataID(probability: 0.2), description: description,
                mentions: mentions.map { Array($0.utf8) }, laterMention: Array(family.utf8),
                role: Array(role.utf8), demonym: nil, country: country
            ))
    }

    /// A role for a new person: the words after their name in prose, their description, and their country.
    private mutating func personRole() -> (role: String, description: String, country: Int?) {
        switch rng.below(100) {
        case 0..<35:
            let country = entities[rng.pick(countries)]
            var office = rng.pick(Self.uniqueOffices)
            if !heldOffices.insert(country.id + "/" + office).inserted {
                office = rng.pick(Self.sharedOffices)
            }
            let description =
                country.demonym.map { String(decoding: $0, as: UTF8.self) + " " + office }
                ?? office + " of " + country.name
            return (country.name + "'s " + office, description, country.country)
        case 35..<70:
            let company = entities[rng.pick(companies)]
            let role = rng.pick(Self.executiveRoles) + " of " + company.name
            return (role, role, company.country)
        case 70..<90:
            let organization = entities[rng.pick(organizations)]
            let role = rng.pick(Self.officialRoles) + " of " + organization.name
            return (role, role, organization.country)
        default:
            let employer = entities[rng.chance(0.5) ? rng.pick(companies) : rng.pick(organizations)]
            let role = rng.pick(Self.analystRoles) + " at " + employer.name
            return (role, role, employer.country)
        }
    }

    // MARK: Helpers

    /// Claims the first available name `make` produces in a few tries; if none is, the last
    /// one with a number word appended, so this always succeeds.
    private mutating func uniqueName(_ make: (inout EntityFactory) -> String) -> String {
        var name = make(&self)
        for _ in 1..<30 {
            if registry.claim(name) {
                return name
            }
            name = make(&self)
        }
        return registry.claimNumbered(name)
    }

    /// A wikidata id ("Q" and digits) with the given probability, never the same one twice.
    private mutating func wikidataID(probability: Double) -> String? {
        guard rng.chance(probability) else {
            return nil
        }
        var number = rng.int(in: 1000...125_000_000)
        while !usedWikidataIDs.insert(number).inserted {
            number = rng.int(in: 1000...125_000_000)
        }
        return "Q\(number)"
    }

    private static let countryFeatures = [
        "coastal", "landlocked", "island", "mountainous", "populous", "small", "oil-producing",
        "export-driven", "agricultural", "industrialised",
    ]
    private static let regions = [
        "the Meridian region", "the Austral basin", "the northern Boreal plain", "the Sable Coast",
        "the Eastern Archipelago", "the Inner Steppe", "the Corvan Gulf", "the Western Highlands",
    ]
    private static let placeKinds = [
        "city in", "port city in", "province of", "industrial city in", "region of",
        "border town in", "river port in", "mining town in",
    ]
    private static let nationalBodies = [
        "Customs Agency", "Central Bank", "Competition Authority", "Chamber of Commerce",
        "Export Council", "Investment Agency", "Statistics Office", "Farmers Union",
        "Steel Association", "Manufacturers Association", "Trade Union Congress", "Development Bank",
        "Securities Commission", "Energy Regulator", "Ministry of Trade", "Ministry of Finance",
        "Trade Commission", "Shipowners Association", "Automobile Association", "Port Authority",
    ]
    private static let regionWords = [
        "Meridian", "Austral", "Boreal", "Pacific", "Atlantic", "Corvan", "Sable", "Cardinal",
        "Aurelian", "Tethys", "Halcyon", "Vantor",
    ]
    private static let fields = [
        "Trade", "Steel", "Grain", "Energy", "Shipping", "Textile", "Development", "Monetary",
        "Fisheries", "Semiconductor", "Mining", "Standards", "Labor", "Investment", "Customs",
        "Agricultural", "Digital", "Maritime",
    ]
    private static let internationalBodies = [
        "Council", "Forum", "Organization", "Association", "Alliance", "Federation", "Commission",
        "Union", "Institute", "Agency", "Bank", "Community", "Secretariat",
    ]
    private static let industries = [
        "Steel", "Shipping", "Mining", "Energy", "Chemicals", "Textile", "Electronics",
        "Semiconductor", "Pharmaceutical", "Aerospace", "Logistics", "Telecom", "Solar", "Battery",
        "Agricultural", "Construction", "Rail", "Paper", "Auto", "Food", "Fertilizer", "Cement",
        "Glass", "Machinery",
    ]
    private static let companySuffixes = [
        "Industries", "Holdings", "Group", "Corporation", "Systems", "Motors", "Energy", "Logistics",
        "Technologies", "Mining", "Airlines", "Foods", "Textiles", "Chemicals", "Bank", "Capital",
        "Shipping", "Electronics", "Pharma", "Steel", "Semiconductor", "Works", "Partners",
    ]
    private static let genericSuffixes = ["Group", "Holdings", "Corporation", "Industries", "Company", "Limited"]
    private static let productModels = [
        "Atlas", "Nova", "Orion", "Vega", "Titan", "Aero", "Pulse", "Vector", "Nimbus", "Zephyr",
        "Falcon", "Kestrel", "Sable", "Onyx", "Quartz", "Helix", "Axis", "Echo", "Comet", "Summit",
        "Horizon", "Terra", "Vertex", "Lynx", "Raven", "Condor", "Apex", "Strata", "Fusion", "Pioneer",
    ]
    private static let productCategories = [
        "electric vehicle", "smartphone", "passenger jet", "memory chip", "solar panel", "tractor",
        "cargo ship", "battery cell", "pickup truck", "laptop", "delivery drone", "wind turbine",
        "communications satellite", "medical scanner", "processor", "industrial robot", "heat pump",
        "excavator", "vaccine", "router",
    ]
    private static let uniqueOffices = [
        "president", "prime minister", "trade minister", "finance minister", "foreign minister",
        "economy minister", "central bank governor", "industry minister", "agriculture minister",
        "chief trade negotiator", "commerce minister", "energy minister",
    ]
    private static let sharedOffices = [
        "lawmaker", "senior trade official", "deputy trade minister", "member of parliament",
        "ambassador", "opposition lawmaker", "customs official", "deputy finance minister",
    ]
    private static let executiveRoles = [
        "chief executive", "chief financial officer", "chair", "president", "chief operating officer",
        "head of strategy", "senior vice president", "head of supply chain",
    ]
    private static let officialRoles = [
        "director general", "president", "chief economist", "spokesperson", "secretary general",
        "head of research", "chair", "deputy director",
    ]
    private static let analystRoles = ["economist", "analyst", "senior analyst", "strategist", "research director"]
}
