import NewsFormat

extension DateValue {
    /// Writes the date as the data files hold it: `value`, `precision`, `origin`, and `note` only
    /// when there is one.
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.key("value"); json.string(value)
        json.key("precision"); json.string(precision.rawValue)
        json.key("origin"); json.string(origin.rawValue)
        if let note {
            json.key("note"); json.string(note)
        }
        json.endObject()
    }
}
