/// The sentence shapes of news prose.
extension ProseWriter {
    /// Writes one sentence, capitalised and ended with a full stop.
    mutating func sentence() {
        let start = nextWordPosition
        switch rng.below(100) {
        case 0..<22:
            clause()
        case 22..<32:
            clause()
            attach(UInt8(ascii: ","))
            word(lexicon.attributions.draw(&rng))
        case 32..<42:
            quantityChange()
        case 42..<50:
            quotation()
            return
        case 50..<58:
            modalClause()
        case 58..<66:
            word(lexicon.openers.draw(&rng))
            attach(UInt8(ascii: ","))
            clause()
        case 66..<76:
            clause()
            word(lexicon.conjunctions.draw(&rng))
            clause()
        case 76..<84:
            perfectClause()
        case 84..<91:
            moneyClause()
        default:
            word("according to")
            let source = castMember(from: institutions)
            if let source {
                mention(source)
            } else {
                word("the")
                word(lexicon.modifiers.draw(&rng))
                word(lexicon.countable.singular.entries[nounIndex()])
            }
            attach(UInt8(ascii: ","))
            clause(avoiding: source)
        }
        attach(UInt8(ascii: "."))
        capitalize(at: start)
    }

    /// Subject (never the cast slot `avoided`), past-tense verb, object, and sometimes a place or
    /// time: "Veldoria raised tariffs on steel".
    mutating func clause(avoiding avoided: Int? = nil) {
        subject(avoiding: avoided)
        if rng.chance(0.12) {
            word(lexicon.adverbs.draw(&rng))
        }
        word(lexicon.transitive.past[lexicon.transitive.base.drawIndex(&rng)])
        object()
        if rng.chance(0.6) {
            prepositionalPhrase()
        }
        if rng.chance(0.2) {
            word(lexicon.timePhrases.draw(&rng))
        }
    }

    /// The object of a verb: usually a noun phrase, sometimes a cast member other than the subject.
    mutating func object() {
        if rng.chance(0.15), let member = castMember(from: institutions), member != subjectSlot {
            mention(member)
        } else {
            nounPhrase()
        }
    }

    /// "Steel exports rose 4.2 percent in the third quarter".
    mutating func quantityChange() {
        if rng.chance(0.4), let country = castMember(from: countries), let demonym = members[country].demonym {
            word(demonym)
            word(lexicon.modifiers.draw(&rng))
            word(lexicon.countable.plural[nounIndex()])
        } else if rng.chance(0.5) {
            word(lexicon.mass.draw(&rng))
        } else {
            word(lexicon.modifiers.draw(&rng))
            word(lexicon.countable.plural[nounIndex()])
        }
        word(lexicon.change.past[lexicon.change.base.drawIndex(&rng)])
        decimal(tenths: rng.int(in: 1...250))
        word("percent")
        if rng.chance(0.7) {
            word(lexicon.timePhrases.draw(&rng))
        }
        if rng.chance(0.3) {
            attach(UInt8(ascii: ","))
            word(lexicon.attributions.draw(&rng))
        }
    }

    /// A quotation and who said it: `"We will review the measures," said Anna Harlow, Veldoria's trade minister.`
    mutating func quotation() {
        openQuotation()
        let start = nextWordPosition
        switch rng.below(3) {
        case 0:
            word("we will")
            word(lexicon.transitive.base.draw(&rng))
            nounPhrase()
            if rng.chance(0.5) { prepositionalPhrase() }
        case 1:
            word("this is")
            let adjective = lexicon.adjectives.draw(&rng)
            indefiniteArticle(before: adjective)
            word(adjective)
            word(lexicon.countable.singular.entries[nounIndex()])
            word("for")
            nounPhrase()
        default:
            clause()
        }
        capitalize(at: start)
        attach(UInt8(ascii: ","))
        closeQuotation()
        if let person = castMember(from: people) {
            word("said")
            mentionWithRole(person, closingComma: false)
        } else {
            word("a spokesperson for")
            if let member = castMember(from: institutions) {
                mention(member)
            } else {
                word("the")
                word(lexicon.countable.singular.entries[nounIndex()])
            }
            word("said")
        }
        attach(UInt8(ascii: "."))
    }

    /// "Veldoria is expected to extend the ban on exports".
    mutating func modalClause() {
        let plural = subject()
        switch rng.below(5) {
        case 0: word("will")
        case 1: word("could")
        case 2: word("may")
        case 3: if plural { word("are expected to") } else { word("is expected to") }
        default: if plural { word("plan to") } else { word("plans to") }
        }
        word(lexicon.transitive.base.draw(&rng))
        object()
        if rng.chance(0.5) {
            prepositionalPhrase()
        }
    }

    /// "Regulators have already approved the merger".
    mutating func perfectClause() {
        if subject() {
            word("have")
        } else {
            word("has")
        }
        if rng.chance(0.25) {
            word(lexicon.adverbs.draw(&rng))
        }
        word(lexicon.transitive.participle[lexicon.transitive.base.drawIndex(&rng)])
        object()
        if rng.chance(0.5) {
            prepositionalPhrase()
        }
    }

    /// "Korvana Industries pledged $2.4 billion for new factories".
    mutating func moneyClause() {
        subject()
        switch rng.below(5) {
        case 0: word("pledged")
        case 1: word("earmarked")
        case 2: word("invested")
        case 3: word("set aside")
        default: word("committed")
        }
        word(Array("$\(rng.int(in: 1...40)).\(rng.below(10))".utf8))
        if rng.chance(0.7) {
            word("billion")
        } else {
            word("million")
        }
        if rng.chance(0.5) {
            word("for")
        } else {
            word("in")
        }
        nounPhrase()
    }
}
