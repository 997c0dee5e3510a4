/// The orders an entity list can come in.
enum EntitySort: String, CaseIterable, Sendable {
    /// Most articles first (the default), then by name.
    case mostMentioned = "-article_count"
    /// By name, case- and diacritic-insensitively.
    case name
}
