/// One period of a counted timeline.
struct TimelineBucket {
    let start: Int32
    let end: Int32
    let articles: Int
    var measuresAnnounced = 0
    var measuresInForce = 0
    var measuresRemoved = 0

    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.key("start"); json.string(CalendarDay.isoString(of: start))
        json.key("end"); json.string(CalendarDay.isoString(of: end))
        json.key("articles"); json.int(articles)
        json.key("measures_announced"); json.int(measuresAnnounced)
        json.key("measures_in_force"); json.int(measuresInForce)
        json.key("measures_removed"); json.int(measuresRemoved)
        json.endObject()
    }
}
