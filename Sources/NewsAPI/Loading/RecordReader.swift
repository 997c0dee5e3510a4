/// Reads the fields of one record, checking each against the data format and noting every problem
/// with its file, line, record id and field path.
struct RecordReader {
    /// The file the record comes from.
    let file: String
    /// The line the record starts on.
    let line: Int
    /// The record's id, once read; later errors name it.
    var recordID: String?
    /// The problems found so far.
    private(set) var errors: [CorpusError] = []

    /// Starts reading a record of `file` that begins on `line`.
    init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    /// Whether every field read so far was valid.
    var isValid: Bool { errors.isEmpty }

    /// Notes a problem with the field `key` of the object at `parent` (or with the record, if `key` is `nil`).
    mutating func report(_ message: String, field key: String? = nil, in parent: String = "", line: Int? = nil) {
        let field: String? = key.map { RecordReader.path(parent, $0) } ?? (parent.isEmpty ? nil : parent)
        errors.append(CorpusError(file: file, line: line ?? self.line, recordID: recordID, field: field, message: message))
    }

    /// `parent.key`, or `key` at the top level.
    static func path(_ parent: String, _ key: String) -> String {
        parent.isEmpty ? key : key.hasPrefix("[") ? parent + key : parent + "." + key
    }

    // MARK: Objects

    /// `value` as an object whose keys are all in `known` and appear once; reports anything else.
    mutating func object(_ value: JSONValue, at path: String, known: [String], line: Int? = nil) -> JSONObject? {
        guard let object = object(value, at: path, line: line) else { return nil }
        checkFields(of: object, at: path, known: known)
        return object
    }

    /// `value` as an object; reports anything else. (Its fields are checked by `checkFields`.)
    mutating func object(_ value: JSONValue, at path: String, line: Int? = nil) -> JSONObject? {
        guard case .object(let object) = value else {
            report("expected an object, found \(value.kindDescription)", in: path, line: line)
            return nil
        }
        return object
    }

    /// Reports keys of `object` that are not in `known`, or that appear more than once.
    mutating func checkFields(of object: JSONObject, at path: String, known: [String]) {
        for (position, member) in object.members.enumerated() {
            if !known.contains(member.key) {
                report(
                    "unknown field (expected one of: \(known.joined(separator: ", ")))", field: member.key, in: path,
                    line: member.line)
            } else if object.members[..<position].contains(where: { $0.key == member.key }) {
                report("field appears more than once", field: member.key, in: path, line: member.line)
            }
        }
    }

    /// The member `key` of `object`, treating `null` as absent.
    func member(_ key: String, of object: JSONObject) -> JSONObject.Member? {
        guard let member = object.members.first(where: { $0.key == key }) else { return nil }
        if case .null = member.value { return nil }
        return member
    }

    // MARK: Scalars

    /// A required, non-empty string.
    mutating func text(_ key: String, of object: JSONObject, at path: String = "") -> String? {
        guard let member = member(key, of: object) else {
            report("missing required field", field: key, in: path, line: object.line)
            return nil
        }
        return nonEmptyText(member.value, field: key, in: path, line: member.line)
    }

    /// An optional string: absent or `null` gives `nil`; if present it must be a non-empty string.
    mutating func optionalText(_ key: String, of object: JSONObject, at path: String = "") -> String? {
        guard let member = member(key, of: object) else { return nil }
        return nonEmptyText(member.value, field: key, in: path, line: member.line)
    }

    private mutating func nonEmptyText(_ value: JSONValue, field key: String, in path: String, line: Int) -> String? {
        guard case .string(let string) = value else {
            report("expected a string, found \(value.kindDescription)", field: key, in: path, line: line)
            return nil
        }
        if string.allSatisfy(\.isWhitespace) {
            report("must not be empty", field: key, in: path, line: line)
            return nil
        }
        return string
    }

    /// A required string that is one of `Choice`'s raw values.
    mutating func choice<Choice: RawRepresentable & CaseIterable>(
        _ key: String, of object: JSONObject, at path: String = "", as type: Choice.Type
    ) -> Choice? where Choice.RawValue == String {
        guard let member = member(key, of: object) else {
            report("missing required field", field: key, in: path, line: object.line)
            return nil
        }
        guard case .string(let string) = member.value else {
            report("expected a string, found \(member.value.kindDescription)", field: key, in: path, line: member.line)
            return nil
        }
        guard let choice = Choice(rawValue: string) else {
            let allowed = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            report("\"\(string)\" is not one of: \(allowed)", field: key, in: path, line: member.line)
            return nil
        }
        return choice
    }

    /// A required finite number.
    mutating func number(_ key: String, of object: JSONObject, at path: String = "") -> Double? {
        guard let member = member(key, of: object) else {
            report("missing required field", field: key, in: path, line: object.line)
            return nil
        }
        guard case .number(let number) = member.value else {
            report("expected a number, found \(member.value.kindDescription)", field: key, in: path, line: member.line)
            return nil
        }
        return number.double
    }

    // MARK: Identifiers

    /// A required slug id: lowercase letters and digits in groups joined by single hyphens.
    mutating func slug(_ key: String, of object: JSONObject, at path: String = "") -> String? {
        id(
            key, of: object, at: path, isValid: Identifier.isSlug,
            rule: "use lowercase letters, digits and single hyphens (e.g. united-states)")
    }

    /// A required article or source id: letters, digits, `-`, `_` and `.`.
    mutating func articleStyleID(_ key: String, of object: JSONObject, at path: String = "") -> String? {
        id(key, of: object, at: path, isValid: Identifier.isArticleID, rule: "use only letters, digits, '-', '_' and '.'")
    }

    /// A required id that `isValid` accepts; otherwise reported with the `rule` it breaks.
    private mutating func id(
        _ key: String, of object: JSONObject, at path: String, isValid: (String) -> Bool, rule: String
    ) -> String? {
        guard let id = text(key, of: object, at: path) else { return nil }
        guard isValid(id) else {
            report("\"\(id)\" is not a valid id: \(rule)", field: key, in: path, line: member(key, of: object)?.line)
            return nil
        }
        return id
    }

    // MARK: Arrays

    /// An array of values; absent or `null` gives `nil` (reported if `required`).
    mutating func array(_ key: String, of object: JSONObject, at path: String = "", required: Bool) -> (
        values: [JSONValue], line: Int
    )? {
        guard let member = member(key, of: object) else {
            if required { report("missing required field", field: key, in: path, line: object.line) }
            return nil
        }
        guard case .array(let values) = member.value else {
            report("expected an array, found \(member.value.kindDescription)", field: key, in: path, line: member.line)
            return nil
        }
        return (values, member.line)
    }

    /// An array of non-empty strings; absent or `null` gives `nil` (reported if `required`).
    mutating func textArray(_ key: String, of object: JSONObject, at path: String = "", required: Bool) -> [String]? {
        guard let (values, line) = array(key, of: object, at: path, required: required) else { return nil }
        var strings: [String] = []
        strings.reserveCapacity(values.count)
        for (position, value) in values.enumerated() {
            if let string = nonEmptyText(value, field: "[\(position)]", in: RecordReader.path(path, key), line: line) {
                strings.append(string)
            }
        }
        return strings
    }

    // MARK: Dates

    /// A date object (`value`, `precision`, `origin`, optional `note`); absent or `null` gives `nil`
    /// (reported if `required`).
    mutating func date(_ key: String, of object: JSONObject, at parent: String = "", required: Bool) -> DateValue? {
        guard let member = member(key, of: object) else {
            if required { report("missing required field", field: key, in: parent, line: object.line) }
            return nil
        }
        let path = RecordReader.path(parent, key)
        guard let date = self.object(member.value, at: path, known: ["value", "precision", "origin", "note"], line: member.line)
        else {
            return nil
        }
        let errorCount = errors.count
        let value = text("value", of: date, at: path)
        let precision = choice("precision", of: date, at: path, as: DatePrecision.self)
        let origin = choice("origin", of: date, at: path, as: DateOrigin.self)
        let note = optionalText("note", of: date, at: path)
        guard let value, let precision, let origin, errors.count == errorCount else { return nil }
        switch DateValue.check(value, precision: precision) {
        case .valid:
            return DateValue(value: value, precision: precision, origin: origin, note: note)
        case .wrongShape(let expected):
            report(
                "\"\(value)\" does not match precision \"\(precision.rawValue)\" (expected \(expected))",
                field: "value", in: path, line: member.line)
        case .notACalendarDate:
            report("\"\(value)\" is not a calendar date", field: "value", in: path, line: member.line)
        }
        return nil
    }
}
