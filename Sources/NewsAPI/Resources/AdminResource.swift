/// `/admin/reload`, for operators holding the admin token: `POST` starts loading the data directory
/// again off the request threads (or joins the reload already running) and answers 202 at once;
/// `GET` tells whether one is running and what the last one did. Registered only when a token is
/// configured.
struct AdminResource: Sendable {
    let token: String
    /// Starts a reload; `true` when this call started it, `false` when one was running.
    let start: @Sendable () -> Bool
    /// Whether a reload is running and what the last one did.
    let status: @Sendable () -> Reloads.Status
    /// The version being served.
    let serving: @Sendable () -> String

    /// `POST /admin/reload`.
    func start(_ request: Request, _ parameters: PathParameters) throws -> Response {
        try authorize(request)
        let started = start()
        var json = JSONWriter()
        json.beginObject()
        json.key("status"); json.string(started ? "started" : "running")
        json.key("version"); json.string(serving())
        json.endObject()
        var response = Response.json(json.bytes, status: .accepted)
        response.headers.set("Location", "/admin/reload")
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    /// `GET /admin/reload`.
    func status(_ request: Request, _ parameters: PathParameters) throws -> Response {
        try authorize(request)
        let status = status()
        var json = JSONWriter()
        json.beginObject()
        json.key("status")
        switch (status.running, status.last) {
        case (true, _): json.string("running")
        case (false, nil): json.string("idle")
        case (false, .reloaded(let version, let previous)?): json.string(version == previous ? "unchanged" : "reloaded")
        case (false, .failed?): json.string("failed")
        }
        json.key("version"); json.string(serving())
        if let last = status.last {
            json.key("last")
            json.beginObject()
            switch last {
            case .reloaded(let version, let previous):
                json.key("outcome"); json.string(version == previous ? "unchanged" : "reloaded")
                json.key("version"); json.string(version)
                json.key("previous_version"); json.string(previous)
            case .failed(let errors):
                json.key("outcome"); json.string("failed")
                json.key("errors"); json.strings(errors)
            }
            json.endObject()
        }
        json.endObject()
        var response = Response.json(json.bytes)
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    private func authorize(_ request: Request) throws {
        try QueryParameters(request.query).validate()
        guard let authorization = request.headers["Authorization"], authorization.hasPrefix("Bearer "),
            ConstantTime.equal(Array(authorization.utf8.dropFirst("Bearer ".utf8.count)), Array(token.utf8))
        else {
            throw Problem(
                status: .unauthorized, detail: "/admin/reload needs the admin token as Authorization: Bearer TOKEN.",
                headers: ["WWW-Authenticate": "Bearer realm=\"news-api admin\""])
        }
    }
}

/// What a reload did.
enum ReloadOutcome: Sendable {
    /// The new snapshot is being served (the version equals the previous one when the data did not change).
    case reloaded(version: String, previous: String)
    /// The data did not load; the previous snapshot keeps serving. One line per error.
    case failed(errors: [String])
}

/// Comparison whose time does not depend on where the inputs differ, for secrets.
enum ConstantTime {
    /// Whether `a` equals `b`, looking at every byte of `b` whatever `a` holds. Lengths are compared
    /// whole: `a` with bytes past the end of `b` differs.
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference: UInt8 = a.count == b.count ? 0 : 1
        for index in b.indices {
            difference |= (index < a.count ? a[index] : 0) ^ b[index]
        }
        return difference == 0
    }
}
