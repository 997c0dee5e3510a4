/// How the API writes the pieces that several resources share.
extension JSONWriter {
    /// A date with its precision and origin, or `null`.
    mutating func date(_ value: DateValue?) {
        guard let value else { return null() }
        beginObject()
        key(ascii: "value"); string(value.value)
        key(ascii: "precision"); string(value.precision.rawValue)
        key(ascii: "origin"); string(value.origin.rawValue)
        key(ascii: "note"); string(value.note)
        endObject()
    }

    /// `{"self": link}`.
    mutating func selfLink(_ link: String) {
        beginObject()
        key("self"); string(link)
        endObject()
    }

    /// `"links":{"self":…}` for the article with id `id` (inside an open object), the link written
    /// straight into the answer when the id needs no escaping in a URL, as the loader ensures; with
    /// `original`, the full article's link to where it was published follows.
    mutating func articleSelfLink(_ id: String, original: String? = nil) {
        key(ascii: "links")
        beginObject()
        key(ascii: "self")
        if Links.isPlainSegment(id) {
            string(ascii: "/articles/", id)
        } else {
            string(Links.article(id))
        }
        if let original { key(ascii: "original"); string(original) }
        endObject()
    }

    /// The members that identify an entity: id, name, type (inside an open object).
    mutating func entityIdentity(_ entity: Entity) {
        key("id"); string(entity.id)
        key("name"); string(entity.name)
        key("type"); string(entity.type.rawValue)
    }

    /// An object pointing at another resource: the members `members` writes, then `"links": {"self": link}`.
    mutating func linkedObject(to link: String, _ members: (inout JSONWriter) -> Void) {
        beginObject()
        members(&self)
        key("links"); selfLink(link)
        endObject()
    }

    /// A short reference to an entity with its link.
    mutating func entityRef(_ entity: Entity) {
        linkedObject(to: Links.entity(entity.id)) { $0.entityIdentity(entity) }
    }

    /// References to the entities with these ids, in order (unknown ids cannot occur: the loader checks).
    mutating func entityRefs(_ ids: [String], in snapshot: CorpusSnapshot) {
        beginArray()
        for id in ids {
            if let entity = snapshot.entity(id: id) { entityRef(entity) }
        }
        endArray()
    }

    /// The members that identify a trade measure: id, title, type, status (inside an open object).
    mutating func measureIdentity(_ measure: TradeMeasure) {
        key("id"); string(measure.id)
        key("title"); string(measure.title)
        key("measure_type"); string(measure.measureType.rawValue)
        key("status"); string(measure.status.rawValue)
    }

    /// A trade measure's summary fields (inside an open object).
    mutating func measureSummaryMembers(_ measure: TradeMeasure, in snapshot: CorpusSnapshot) {
        measureIdentity(measure)
        key("evaluation"); string(measure.evaluation.rawValue)
        key("implementing"); entityRefs(measure.implementing, in: snapshot)
        key("affected"); entityRefs(measure.affected, in: snapshot)
        key("rate")
        if let rate = measure.rate {
            beginObject()
            key("value"); double(rate.value)
            key("unit"); string(rate.unit)
            key("qualifier"); string(rate.qualifier.rawValue)
            endObject()
        } else {
            null()
        }
        key("date_announced"); date(measure.dateAnnounced)
        key("date_in_force"); date(measure.dateInForce)
        key("date_removed"); date(measure.dateRemoved)
        key("in_force")
        if let position = snapshot.measureIndexByID[measure.id] {
            inForce(snapshot.measureLifecycles[Int(position)])
        } else {
            null()
        }
        key("links"); selfLink(Links.measure(measure.id))
    }

    /// When a measure is in force by the rule every endpoint uses: the day it is in force from and
    /// the day it stopped, each with its origin (`stated`, `public_record`, `inferred`).
    mutating func inForce(_ lifecycle: MeasureLifecycle) {
        beginObject()
        for (name, boundary) in [("from", lifecycle.inForce), ("until", lifecycle.ended)] {
            key(name)
            guard let boundary else {
                null()
                continue
            }
            beginObject()
            key("day"); string(CalendarDay.isoString(of: boundary.day))
            key("origin"); string(boundary.origin.rawValue)
            key("article_id"); string(boundary.articleID)
            endObject()
        }
        endObject()
    }

    /// A trade measure's summary as one object.
    mutating func measureSummary(_ measure: TradeMeasure, in snapshot: CorpusSnapshot) {
        beginObject()
        measureSummaryMembers(measure, in: snapshot)
        endObject()
    }

    /// The article fields shared by summaries and the full article (inside an open object).
    ///
    /// The members an article shares with others (its section and source; its language and date)
    /// are copied in as its placement and dateline encoded them once, rather than written again.
    mutating func articleHeadMembers(_ article: Article) {
        key(ascii: "id"); string(article.id)
        key(ascii: "kind"); string(article.kind.rawValue)
        key(ascii: "title"); string(article.title)
        article.placement.encodedMembers.withUnsafeBufferPointer { rawMembers(throughName: $0) }
        string(article.url)
        article.dateline.encodedMembers.withUnsafeBufferPointer { rawMembers(throughName: $0) }
        if let lede = article.statedLede { string(lede) } else { string(utf8: article.firstParagraphUTF8) }
    }
}

/// How the full article writes its own parts.
extension JSONWriter {
    /// Starts the object of one occurrence of an entity in an article, through its field and offsets
    /// (`{"field":"body","start":41,"end":52`), in three appends; the spelling members follow.
    mutating func beginOccurrence(_ occurrence: Mention.Occurrence) {
        let opening: StaticString =
            switch occurrence.field {
            case .title: #"{"field":"title","start":"#
            case .body: #"{"field":"body","start":"#
            }
        opening.withUTF8Buffer { beginObject(encodedThroughName: $0) }
        int(occurrence.start)
        member(ascii: "end", Int(occurrence.end))
    }
}

extension JSONWriter {
    /// The members `write` writes, encoded on their own to go inside an open object later (with
    /// `rawMembers`; or, when they end with a member's name, with `rawMembers(throughName:)`).
    static func members(_ write: (inout JSONWriter) -> Void) -> [UInt8] {
        var json = JSONWriter(capacity: 128)
        json.beginObject()
        write(&json)
        json.endObject()
        return Array(json.bytes.dropFirst().dropLast())
    }
}
