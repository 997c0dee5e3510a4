extension CorpusSnapshot {
    /// The trade measure with this id.
    func measure(id: String) -> TradeMeasure? {
        measureIndexByID[id].map { measures[Int($0)] }
    }

    /// The claim with this id.
    func claim(id: String) -> Claim? {
        var low = 0
        var high = claims.count
        while low < high {
            let middle = (low + high) / 2
            if claims[middle].id < id { low = middle + 1 } else { high = middle }
        }
        return low < claims.count && claims[low].id == id ? claims[low] : nil
    }

    /// The measures `entity` applies, in date order.
    func measures(implementedBy entity: Entity) -> [TradeMeasure] {
        measures(at: entityIndexByID[entity.id].map { measuresByImplementing[Int($0)] })
    }

    /// The measures that target or affect `entity`, in date order.
    func measures(affecting entity: Entity) -> [TradeMeasure] {
        measures(at: entityIndexByID[entity.id].map { measuresByAffected[Int($0)] })
    }

    /// The measures that name `entity` as a targeted firm, in date order.
    func measures(targeting entity: Entity) -> [TradeMeasure] {
        measures(at: entityIndexByID[entity.id].map { measuresByTargetedFirm[Int($0)] })
    }

    /// The measures of this type, in date order.
    func measures(ofType type: MeasureType) -> [TradeMeasure] {
        measures(at: measuresByType[type])
    }

    /// The measures with this status, in date order.
    func measures(withStatus status: MeasureStatus) -> [TradeMeasure] {
        measures(at: measuresByStatus[status])
    }

    /// The measures that cite the article at `ordinal` as a source, in date order.
    func measures(citing ordinal: Int32) -> [TradeMeasure] {
        measures(at: measuresByArticle[ordinal])
    }

    /// The claims that quote the article at `ordinal`, by id.
    func claims(citing ordinal: Int32) -> [Claim] {
        (claimsByArticle[ordinal] ?? []).map { claims[Int($0)] }
    }

    private func measures(at indexes: [Int32]?) -> [TradeMeasure] {
        (indexes ?? []).map { measures[Int($0)] }
    }
}
