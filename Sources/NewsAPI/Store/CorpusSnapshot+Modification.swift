extension CorpusSnapshot {
    /// When the data files were last changed (Unix seconds), for `Last-Modified`.
    var dataModifiedAt: Int64? { nil }
}
