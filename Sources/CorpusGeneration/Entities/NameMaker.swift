/// Makes names that sound like real ones from syllables and word lists.
enum NameMaker {
    /// A country name such as "Veldoria" or "Kastrenia".
    static func country(_ rng: inout Xoshiro256) -> String {
        let middle = rng.chance(0.6) ? rng.pick(countryMiddles) : ""
        return joined(rng.pick(countryStarts), middle, rng.pick(countryEnds))
    }

    /// A city or place name such as "Ostrava", "Port Kavenholm" or "Lake Merrow".
    static func place(_ rng: inout Xoshiro256) -> String {
        let middle = rng.chance(0.35) ? rng.pick(placeMiddles) : ""
        let base = joined(rng.pick(placeStarts), middle, rng.pick(placeEnds))
        return rng.chance(0.2) ? rng.pick(placePrefixes) + " " + base : base
    }

    /// A brand word such as "Zentrix" or "Korvana".
    static func brand(_ rng: inout Xoshiro256) -> String {
        let middle = rng.chance(0.3) ? rng.pick(brandMiddles) : ""
        return joined(rng.pick(brandStarts), middle, rng.pick(brandEnds))
    }

    /// Joins syllables, leaving out the middle one where it would put two vowels together
    /// ("Tam" + "mo" + "ene" gives "Tamene", not "Tammoene").
    private static func joined(_ start: String, _ middle: String, _ end: String) -> String {
        let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]
        if let last = middle.last, let first = end.first, vowels.contains(last), vowels.contains(first) {
            return start + end
        }
        return start + middle + end
    }

    /// A family name: most from a list of real ones, some made from syllables.
    static func familyName(_ rng: inout Xoshiro256) -> String {
        if rng.chance(0.7) {
            return rng.pick(familyNames)
        }
        return rng.pick(familyStarts) + rng.pick(familyEnds)
    }

    /// A given name.
    static func givenName(_ rng: inout Xoshiro256) -> String {
        rng.pick(givenNames)
    }

    /// The adjective for a country's people: "Veldoria" → "Veldorian", "Norland" → "Norlandic".
    static func demonym(of country: String) -> String {
        let word = country.split(separator: " ").last.map(String.init) ?? country
        let prefix = country.dropLast(word.count)
        let adjective: String
        if word.hasSuffix("ia") || word.hasSuffix("a") {
            adjective = word + "n"
        } else if word.hasSuffix("land") {
            adjective = word + "ic"
        } else if word.hasSuffix("stan") {
            adjective = word + "i"
        } else if word.hasSuffix("e") {
            adjective = word.dropLast() + "ian"
        } else if word.hasSuffix("i") || word.hasSuffix("o") || word.hasSuffix("u") {
            adjective = word + "an"
        } else {
            adjective = word + "ese"
        }
        return prefix + adjective
    }

    /// Upper-case initials of the words that count (`"Meridian Trade Council"` → `"MTC"`).
    static func acronym(of name: String) -> String {
        let skipped: Set<String> = ["of", "and", "for", "the", "de"]
        return String(
            name.split(separator: " ")
                .filter { !skipped.contains(String($0)) }
                .compactMap { $0.first?.uppercased().first })
    }

    /// The given and family names people are made of, which one-word aliases must avoid.
    static var personNameWords: [String] {
        givenNames + familyNames
    }

    /// Words before a country name in its formal name.
    static let formalPrefixes = [
        "Republic of", "Kingdom of", "Federal Republic of", "Union of", "Commonwealth of",
        "State of", "Democratic Republic of", "Principality of", "Federation of",
    ]

    /// Words before a country name that make a second country ("North Veldoria").
    static let compassPrefixes = ["North", "South", "East", "West", "New", "Upper", "Lower", "Greater"]

    private static let countryStarts = [
        "Vel", "Kas", "Nor", "Ar", "Bel", "Cor", "Dra", "Es", "Fal", "Gal", "Hal", "Is", "Jor",
        "Kel", "Lor", "Mar", "Nal", "Os", "Pel", "Quen", "Ros", "Sal", "Tor", "Ul", "Val", "Wes",
        "Yar", "Zan", "Am", "Bran", "Cal", "Del", "Eld", "Fen", "Gor", "Hes", "Ild", "Kor", "Lun",
        "Mor", "Ner", "Ol", "Pra", "Rhen", "Sav", "Tam", "Ves", "Zor",
    ]
    private static let countryMiddles = ["do", "ta", "ri", "na", "mo", "la", "ve", "ra", "si", "be", "to", "ge"]
    private static let countryEnds = [
        "ria", "nia", "land", "stan", "via", "ca", "ia", "ene", "osa", "ana", "ovia", "istan",
        "ary", "ora", "mark", "esia", "ador", "ine",
    ]

    private static let placeStarts = [
        "Ost", "Kav", "Mer", "Tal", "Bren", "Cal", "Dun", "Esk", "Fen", "Gor", "Hav", "Ith", "Kor",
        "Lin", "Mal", "Nev", "Or", "Pra", "Riv", "Sel", "Tam", "Vor", "Wen", "Ash", "Brim", "Carn",
        "Dor", "Elm", "Fal", "Glen", "Hol", "Kil", "Lom", "Mor", "Nar", "Pol", "Rad", "Sten",
    ]
    private static let placeMiddles = ["en", "ar", "il", "or", "an", "er", "ol", "in"]
    private static let placeEnds = [
        "rava", "ton", "mouth", "holm", "burg", "ville", "grad", "ora", "ena", "ston", "field",
        "port", "bay", "dal", "haven", "mere", "ford", "wick", "sk", "ovo", "ara", "ice", "ing",
    ]
    private static let placePrefixes = ["Port", "San", "New", "Lake", "Mount", "Fort", "Saint"]

    private static let brandStarts = [
        "Zen", "Kor", "Al", "Bri", "Cel", "Dyn", "Ev", "Fort", "Gen", "Hel", "In", "Jun", "Kin",
        "Lum", "Max", "Nov", "Omn", "Pol", "Quant", "Rex", "Syn", "Tec", "Ul", "Vex", "Wex", "Xer",
        "Yor", "Zel", "Aur", "Bor", "Cyr", "Dax", "Ely", "Fyr", "Gal", "Hy", "Ion", "Jax", "Lyr",
        "Myr", "Ner", "Ort", "Pyr", "Qor", "Sol", "Tyr", "Vel", "Zyn",
    ]
    private static let brandMiddles = ["a", "o", "e", "i", "ar", "en", "or", "el"]
    private static let brandEnds = [
        "trix", "vana", "dera", "tron", "ova", "ix", "aris", "eon", "ium", "ex", "ara", "ico", "ant",
        "is", "os", "um", "yx", "ora", "ent", "ics", "ell", "ion", "ada", "ane",
    ]

    private static let familyStarts = [
        "Har", "Bel", "Cas", "Dor", "Fen", "Gar", "Hol", "Kar", "Lan", "Mor", "Nor", "Pel", "Ros",
        "Sav", "Tor", "Var", "Wil", "Yen", "Zel", "Ab", "Bran", "Cor", "Dal", "Est", "Fal", "Gil",
        "Ish", "Jav", "Kos", "Lor", "Mad", "Nak", "Ok", "Pat", "Quin", "Ren", "Sor", "Tan", "Ul",
    ]
    private static let familyEnds = [
        "low", "ton", "ski", "enko", "ez", "ini", "sen", "berg", "ova", "ami", "oku", "ari", "ell",
        "mann", "ford", "ley", "wick", "oglu", "ani", "etti", "ova", "ic", "escu", "ardo", "aki",
        "uda", "ovic", "stein", "baum", "eira",
    ]

    private static let givenNames = [
        "Anna", "James", "Maria", "David", "Sofia", "Daniel", "Elena", "Michael", "Laura", "Thomas",
        "Sarah", "Peter", "Emma", "Paul", "Julia", "Mark", "Olga", "Ahmed", "Fatima", "Ravi",
        "Priya", "Wei", "Li", "Hiroshi", "Yuki", "Min-jun", "Ji-woo", "Carlos", "Lucía", "José",
        "Inés", "Joaquín", "André", "Chloé", "Renée", "Agnès", "Jürgen", "Zoë", "Björn", "Anaïs",
        "François", "Hélène", "Raúl", "Tomás", "Çelik", "Ömer", "Müge", "Thành", "Lâm", "Tô",
        "Nguyen", "Kwame", "Amara", "Chidi", "Ngozi", "Tariq", "Leila", "Omar", "Yusuf", "Aisha",
        "Ivan", "Natalia", "Dmitri", "Katarina", "Marek", "Zofia", "Pavel", "Irina", "Nikolai",
        "Andrea", "Giulia", "Marco", "Francesca", "Luca", "Hans", "Greta", "Lars", "Ingrid", "Sven",
        "Kofi", "Abena", "Samuel", "Grace", "Benjamin", "Rachel", "Adam", "Hannah", "Rafael",
        "Camila", "Diego", "Valentina", "Mateo", "Isabel", "Arjun", "Ananya", "Vikram", "Meera",
        "Kenji", "Aiko", "Takeshi", "Mei", "Jun", "Hao", "Lin", "Xin", "Siti", "Budi", "Dewi",
        "Rahul", "Neha", "Oliver", "Charlotte", "William", "Alice", "Henry", "Eleanor", "George",
        "Victoria", "Robert", "Catherine", "Richard", "Margaret", "Stefan", "Monika", "Andrzej",
        "Agata", "Tuan", "Linh", "Hương", "Minh", "Thảo", "Quang",
    ]

    private static let familyNames = [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson",
        "Taylor", "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark",
        "Lewis", "Robinson", "Walker", "Allen", "Wright", "Scott", "Hughes", "Morgan", "Bennett",
        "García", "Martínez", "Rodríguez", "López", "González", "Pérez", "Sánchez", "Ramírez",
        "Núñez", "Muñoz", "Álvarez", "Gómez", "Fernández", "Müller", "Schmidt", "Schneider",
        "Fischer", "Weber", "Becker", "Hoffmann", "Schäfer", "Koch", "Richter", "Dubois", "Durand",
        "Lefèvre", "Moreau", "Laurent", "Girard", "Rousseau", "Rossi", "Russo", "Ferrari",
        "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Kowalski", "Nowak",
        "Wiśniewski", "Novák", "Horváth", "Kovács", "Popescu", "Ionescu", "Petrov", "Ivanov",
        "Sokolov", "Volkov", "Kuznetsov", "Popov", "Yilmaz", "Kaya", "Demir", "Şahin", "Öztürk",
        "Nguyen", "Tran", "Pham", "Hoang", "Phan", "Vu", "Dang", "Bui", "Do", "Ngo", "Wang", "Zhang",
        "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Ma", "Zhu", "Kim",
        "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Sato", "Suzuki", "Takahashi", "Tanaka",
        "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato", "Sharma", "Patel", "Singh",
        "Kumar", "Gupta", "Reddy", "Iyer", "Nair", "Rao", "Das", "Khan", "Ahmed", "Hassan",
        "Hussein", "Ali", "Rahman", "Haddad", "Nasser", "Mansour", "Okafor", "Okonkwo", "Mensah",
        "Owusu", "Adeyemi", "Balogun", "Mwangi", "Otieno", "Kamau", "Banda", "Dlamini", "Ndlovu",
        "Silva", "Santos", "Oliveira", "Souza", "Costa", "Pereira", "Almeida", "Carvalho",
        "Ferreira", "Ribeiro", "Johansson", "Andersson", "Nilsson", "Larsen", "Hansen", "Jensen",
        "Nielsen", "Virtanen", "Korhonen", "Murphy", "Kelly", "O'Brien", "O'Connor", "Byrne",
        "Walsh", "MacLeod", "Campbell", "Stewart", "Cohen", "Levi", "Friedman", "Katz",
        "Abramowitz", "Papadopoulos", "Georgiou", "Dimitriou", "Santoro", "Castellano", "Halvorsen",
    ]
}
