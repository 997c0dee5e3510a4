/// What a run wrote and how long it took.
package struct GenerationSummary {
    let articles: Int
    let entities: Int
    let measures: Int
    let claims: Int
    let articleBytes: Int
    let totalBytes: Int
    /// The whole run.
    let seconds: Double
    /// Writing articles.ndjson alone.
    let articleSeconds: Double
    let directory: String

    /// One line for the terminal.
    package var line: String {
        let megabytes = Double(totalBytes) / 1_000_000
        let articleRate = Double(articles) / max(articleSeconds, 1e-9)
        let byteRate = Double(articleBytes) / 1_000_000 / max(articleSeconds, 1e-9)
        return "corpus-gen: wrote \(articles) articles, \(entities) entities, \(measures) trade measures, "
            + "\(claims) claims to \(directory): \(totalBytes) bytes (\(Self.format(megabytes)) MB) in "
            + "\(Self.format(seconds)) s; articles at \(Int(articleRate))/s, \(Self.format(byteRate)) MB/s"
    }

    private static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
