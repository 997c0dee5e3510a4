/// Article bodies and headlines.
extension ProseWriter {
    /// Writes a body of about `targetWords` words in paragraphs of one to four sentences, placing
    /// each of `insertions` (whole sentences, such as those trade measures quote) at a random
    /// sentence boundary. Returns the length of the first paragraph, the lede.
    mutating func body(targetWords: Int, insertions: [[UInt8]]) -> Int {
        let expectedSentences = max(1, targetWords / 20)
        var pending = insertions.map { (sentence: rng.below(expectedSentences), text: $0) }
        pending.sort { $0.sentence < $1.sentence }
        var sentenceCount = 0
        var ledeLength: Int?
        repeat {
            if ledeLength != nil {
                paragraphBreak()
            }
            // The lede is one or two sentences; later paragraphs run to four.
            let sentences = ledeLength == nil ? rng.int(in: 1...2) : rng.int(in: 1...4)
            for _ in 0..<sentences where wordCount < targetWords {
                while let next = pending.first, next.sentence <= sentenceCount {
                    word(next.text)
                    pending.removeFirst()
                }
                sentence()
                sentenceCount += 1
            }
            if ledeLength == nil {
                ledeLength = text.count
            }
        } while wordCount < targetWords
        for insertion in pending {
            word(insertion.text)
        }
        return ledeLength ?? text.count
    }

    /// Writes a brief: one paragraph of one or two sentences (two when the first is short), with
    /// `insertions` placed among them.
    mutating func brief(insertions: [[UInt8]]) {
        var pending = insertions[...]
        for number in 1...2 where number == 1 || wordCount < 15 || rng.chance(0.4) {
            if rng.chance(0.5), let next = pending.popFirst() {
                word(next)
            }
            sentence()
        }
        for insertion in pending {
            word(insertion)
        }
    }

    /// Writes a headline in sentence case without a full stop, naming the most important cast member.
    mutating func headline() {
        let start = nextWordPosition
        let lead = castMember(from: agents)
        switch rng.below(5) {
        case 0 where lead != nil:
            mention(lead!)
            word(lexicon.transitive.present[lexicon.transitive.base.drawIndex(&rng)])
            headlineObject()
        case 1 where lead != nil:
            mention(lead!)
            word("to")
            word(lexicon.transitive.base.draw(&rng))
            headlineObject()
        case 2 where agents.count > 1:
            mention(agents[0])
            word("and")
            mention(agents[1])
            word(lexicon.transitive.base.draw(&rng))
            headlineObject()
        case 3:
            word(lexicon.modifiers.draw(&rng))
            word(lexicon.countable.plural[nounIndex()])
            word(lexicon.change.base.draw(&rng))
            word("as")
            if let lead {
                mention(lead)
                word(lexicon.transitive.present[lexicon.transitive.base.drawIndex(&rng)])
            } else {
                word(lexicon.groups.draw(&rng))
                word(lexicon.transitive.base.draw(&rng))
            }
            headlineObject()
        default:
            word(lexicon.adjectives.draw(&rng))
            word(lexicon.countable.plural[nounIndex()])
            word(lexicon.change.base.draw(&rng))
            if let location = castMember(from: locations) {
                word("in")
                mention(location)
            } else {
                word(lexicon.timePhrases.draw(&rng))
            }
        }
        capitalize(at: start)
    }

    /// A short object for a headline: "steel tariffs", "new rules on exports".
    private mutating func headlineObject() {
        if rng.chance(0.5) {
            word(lexicon.modifiers.draw(&rng))
            word(lexicon.countable.plural[nounIndex()])
        } else {
            if rng.chance(0.5) {
                word(lexicon.adjectives.draw(&rng))
            }
            word(lexicon.countable.plural[nounIndex()])
            word(lexicon.prepositions.draw(&rng))
            if let location = castMember(from: locations), rng.chance(0.5) {
                mention(location)
            } else {
                word(lexicon.mass.draw(&rng))
            }
        }
    }
}
