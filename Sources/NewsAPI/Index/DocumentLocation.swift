/// Where an article's index data is: which worker's part, and which document of it.
struct DocumentLocation: Sendable {
    /// The index of the part (the worker that indexed the article).
    let part: Int32
    /// The document's index within that part.
    let document: Int32
}
