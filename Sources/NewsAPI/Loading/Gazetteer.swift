/// Which world gazetteer a load merges with the corpus's own entities (see "Gazetteer" in
/// docs/data-format.md).
package enum GazetteerChoice: Hashable, Sendable {
    /// The file named by the corpus's `dataset.json` (`gazetteer`, relative to the data directory),
    /// or none if it names none.
    case datasetDefault
    /// This file, whatever `dataset.json` says.
    case file(String)
    /// No gazetteer.
    case none
}

/// What merging a gazetteer did, so that nothing it changed is silent: the server logs it at boot
/// and `/meta` shows it.
package struct GazetteerReport: Hashable, Sendable {
    /// The gazetteer file, as `dataset.json` or `--gazetteer` gives it.
    package let path: String
    /// How many of its entities were added to the corpus's own.
    package let entitiesAdded: Int
    /// How many names of things that are not entities it (and `dataset.json`) listed.
    package let notEntities: Int
    /// One sentence per clash between the gazetteer and the corpus, and how it was settled (the
    /// corpus's own entity always wins).
    package let clashes: [String]
}
