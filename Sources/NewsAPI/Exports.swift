// The data format's vocabulary (MeasureType, DateValue, CalendarDay, JSONWriter, ...) lives in NewsFormat,
// which corpus-gen shares; NewsAPI re-exports it, as Hummingbird re-exports HummingbirdCore, so that its
// files and its users name those types without importing a second module.
@_exported import NewsFormat
