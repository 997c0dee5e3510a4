import CMicroHTTPD

#if canImport(Glibc)
    import Glibc
#endif

/// The C callbacks handed to libmicrohttpd.
///
/// They live in a non-isolated type (never at top level of `main.swift`, which would make them
/// main-actor isolated and crash when a daemon thread calls them) and capture nothing.
///
/// A request passes through them in this order: `uriReceived` (the request line is in; the target is
/// checked against the limits), the access handler's first call (the head is in; its framing is
/// checked and a refusal is sent at once, before any body is read), its second call (the request is
/// copied and answered), then `requestCompleted`. `connectionNotice` follows each connection.
enum HTTPServerCallbacks {
    /// Unsent bytes a connection's socket may hold (TCP_NOTSENT_LOWAT): the socket reports itself
    /// writable, and libmicrohttpd counts the connection active, as soon as a reader has taken this
    /// much, rather than when two thirds of a send buffer grown to megabytes has drained. A client that
    /// reads a long export slowly but steadily so keeps its connection; one that stops reading does not.
    static let unsentBytes: Int32 = 32 * 1024

    static let uriReceived: CMicroHTTPD_URILogCallback = { cls, uri, _ in
        guard let cls, let uri else { return RequestMark.target(.accepted).pointer }
        let limits = Unmanaged<HTTPServerContext>.fromOpaque(cls).takeUnretainedValue().limits
        let length = strlen(uri)
        guard let mark = strchr(uri, Int32(UInt8(ascii: "?"))) else {
            return RequestMark.target(length > limits.maxURLBytes ? .tooLong(length) : .accepted).pointer
        }
        var parameters = 0
        var previous = UInt8(ascii: "&")
        var cursor = UnsafeRawPointer(mark).assumingMemoryBound(to: UInt8.self) + 1
        while cursor.pointee != 0 {
            if previous == UInt8(ascii: "&"), cursor.pointee != UInt8(ascii: "&") { parameters += 1 }
            previous = cursor.pointee
            cursor += 1
        }
        let check: RequestFraming.TargetCheck =
            length > limits.maxURLBytes
            ? .tooLong(length)
            : parameters > limits.maxQueryParameters ? .tooManyParameters(parameters) : .accepted
        if check != .accepted {
            // libmicrohttpd stores every query parameter in the connection's memory next, and with enough
            // of them stalls instead of answering: end the target at `?` so it stores none. (The request
            // line is in libmicrohttpd's read buffer, which it lets this callback see before parsing.)
            UnsafeMutablePointer(mutating: mark).advanced(by: 1).pointee = 0
        }
        return RequestMark.target(check).pointer
    }

    static let accessHandler: MHD_AccessHandlerCallback = { cls, connection, url, method, version, _, uploadSize, markPointer in
        guard let cls, let connection, let url, let method, let uploadSize, let markPointer else { return .NO }
        let context = Unmanaged<HTTPServerContext>.fromOpaque(cls).takeUnretainedValue()

        if case .target(let check) = RequestMark(markPointer.pointee) {
            // The head is in: count the request, and refuse it now (closing the connection, since
            // libmicrohttpd reads no more of it) if it must be refused.
            context.requestStarted()
            markPointer.pointee = RequestMark.headReceived.pointer
            if let watched = watchedConnection(connection) { context.headTimeout.headReceived(on: watched) }
            let head = RequestHead(connection: connection, url: url, method: method)
            let (headerBytes, hosts, fields) = head.framingFields
            let framing = RequestFraming(
                method: head.method, isHTTP11: version.map { strcmp($0, "HTTP/1.1") == 0 } ?? false,
                headerBytes: headerBytes, hosts: hosts, fields: fields, target: check, limits: context.limits)
            guard let refusal = framing.refusal() else { return .YES }
            return answer(Request(head, refusal: refusal), on: connection, context: context)
        }
        if uploadSize.pointee != 0 {
            // Only a request that announced no body gets here, so there is none to read; ignore stray bytes.
            uploadSize.pointee = 0
            return .YES
        }
        return answer(RequestHead(connection: connection, url: url, method: method), on: connection, context: context)
    }

    static let requestCompleted: MHD_RequestCompletedCallback = { cls, connection, markPointer, _ in
        guard let cls, let markPointer, markPointer.pointee != nil else { return }
        let context = Unmanaged<HTTPServerContext>.fromOpaque(cls).takeUnretainedValue()
        if case .headReceived = RequestMark(markPointer.pointee) {
            context.requestFinished()
        }
        if let connection, let watched = watchedConnection(connection) { context.headTimeout.answered(on: watched) }
        markPointer.pointee = nil
    }

    /// Follows each connection: a bound on its unsent bytes, and the head timeout's watch from open to close.
    static let connectionNotice: MHD_NotifyConnectionCallback = { cls, connection, socketContext, notice in
        guard let cls, let connection, let socketContext else { return }
        let context = Unmanaged<HTTPServerContext>.fromOpaque(cls).takeUnretainedValue()
        // MHD_CONNECTION_NOTIFY_STARTED is 0 and MHD_CONNECTION_NOTIFY_CLOSED 1 (their names do not import).
        switch notice.rawValue {
        case 0:
            let socket = CMicroHTTPD_connectionSocket(connection)
            guard socket >= 0 else { return }
            var bytes = unsentBytes
            _ = setsockopt(socket, Int32(IPPROTO_TCP), TCP_NOTSENT_LOWAT, &bytes, socklen_t(MemoryLayout<Int32>.size))
            let watched = context.headTimeout.opened(socket: socket)
            socketContext.pointee = Unmanaged.passRetained(watched).toOpaque()
        case 1:
            guard let stored = socketContext.pointee else { return }
            let watched = Unmanaged<HeadTimeout.Connection>.fromOpaque(stored).takeRetainedValue()
            context.headTimeout.closed(watched)
            socketContext.pointee = nil
        default:
            break
        }
    }

    /// The head timeout's record of `connection`, stored when it opened.
    private static func watchedConnection(_ connection: OpaquePointer) -> HeadTimeout.Connection? {
        CMicroHTTPD_socketContext(connection).map { Unmanaged<HeadTimeout.Connection>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Answers the request `head` describes. A GET or HEAD without validators is looked up first in
    /// the response cache in front of the responder, read in place; only when the answer is not kept
    /// is the request copied and handed to the responder (with the key, so it is not built again).
    private static func answer(_ head: RequestHead, on connection: OpaquePointer, context: HTTPServerContext) -> MHD_Result {
        let started = ContinuousClock.now
        let method = head.method
        var key: ResponseCacheKey?
        if method == .get || method == .head, !context.isStopping, let caching = context.cachingResponder?.frontCache,
            caching.cache.isEnabled, !head.hasValidators
        {
            let built = ResponseCacheKey(head, variesByOrigin: caching.variesByOrigin)
            if let kept = caching.cache.response(for: built) {
                return send(kept, method: method, path: head.path, started: started, on: connection, context: context)
            }
            key = built
        }
        var request = Request(head)
        request.cacheKey = key
        return answer(request, on: connection, context: context, started: started)
    }

    /// Answers `request` with the responder, queues the answer and reports it to the observer.
    private static func answer(
        _ request: Request, on connection: OpaquePointer, context: HTTPServerContext,
        started: ContinuousClock.Instant = .now
    ) -> MHD_Result {
        send(
            context.responder.respond(to: request), method: request.method, path: request.path, started: started,
            on: connection, context: context)
    }

    /// Queues `response` to a request for `path` that arrived at `started`, and reports it to the observer.
    private static func send(
        _ response: Response, method: HTTPMethod, path: @autoclosure () -> String, started: ContinuousClock.Instant,
        on connection: OpaquePointer, context: HTTPServerContext
    ) -> MHD_Result {
        var response = response
        if context.isStopping {
            // Keep-alive clients go away instead of sending more requests (this drops a cached copy).
            response.headers.set("Connection", "close")
        }
        let result = queue(response, on: connection)
        if let observer = context.observer {
            observer(
                RequestRecord(
                    method: method, path: path(),
                    route: response.routeLabel ?? Router.unmatchedLabel, status: response.status,
                    bytes: method == .head ? 0 : response.body.count,
                    duration: ContinuousClock.now - started))
        }
        return result
    }

    /// Fills libmicrohttpd's buffer from a `BodyStream` (size unknown: sent chunked); -1 ends the body.
    private static let streamReader: MHD_ContentReaderCallback = { cls, _, buffer, max in
        guard let cls, let buffer else { return -1 }
        let stream = Unmanaged<BodyStream>.fromOpaque(cls).takeUnretainedValue()
        return stream.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: max)) ?? -1
    }

    /// Releases the stream retained for a callback response, once libmicrohttpd is done with it.
    private static let streamReleaser: MHD_ContentReaderFreeCallback = { cls in
        guard let cls else { return }
        Unmanaged<BodyStream>.fromOpaque(cls).release()
    }

    /// A response whose body libmicrohttpd reads in place from `body`'s own storage instead of copying
    /// it: the bytes are kept alive, unchanged, until libmicrohttpd frees the response.
    private static func lentBody(_ body: [UInt8]) -> OpaquePointer? {
        let lent = LentBody(body)
        let made = MHD_create_response_from_buffer_with_free_callback_cls(
            lent.bytes.count, lent.start, bodyReleaser, Unmanaged.passRetained(lent).toOpaque())
        if made == nil { Unmanaged.passUnretained(lent).release() }
        return made
    }

    /// Releases a lent body, once libmicrohttpd is done with the response that reads it.
    private static let bodyReleaser: MHD_ContentReaderFreeCallback = { cls in
        guard let cls else { return }
        Unmanaged<LentBody>.fromOpaque(cls).release()
    }

    /// Hands a response to libmicrohttpd: its cached copy when it has one, else a new one (the body is copied).
    private static func queue(_ response: Response, on connection: OpaquePointer) -> MHD_Result {
        if let cached = response.cached {
            return MHD_queue_response(connection, UInt32(response.status.code), cached.handle)
        }
        let made: OpaquePointer?
        if let length = response.representationLength {
            made = CMicroHTTPD_headerOnlyResponse(UInt64(length))
        } else if let stream = response.stream {
            made = MHD_create_response_from_callback(
                UInt64.max, 64 * 1024, streamReader,
                Unmanaged.passRetained(stream).toOpaque(), streamReleaser)
        } else {
            made = lentBody(response.body)
        }
        guard let made else { return .NO }
        for field in response.headers {
            // `withCString` reads a string's own bytes, where passing the `String` would copy a short one.
            _ = field.name.withCString { name in
                field.value.withCString { value in MHD_add_response_header(made, name, value) }
            }
        }
        let result = MHD_queue_response(connection, UInt32(response.status.code), made)
        MHD_destroy_response(made)
        return result
    }
}

/// A response body lent to libmicrohttpd: the array is held here, never changed, so its storage (which
/// `start` points into) stays where it is until libmicrohttpd releases this.
private final class LentBody {
    /// The body.
    let bytes: [UInt8]
    /// The address of the body's first byte in the array's storage.
    let start: UnsafeMutableRawPointer?

    /// Holds `bytes`.
    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        // A held, never-mutated array does not move its storage, so the address stays valid while it lives.
        start = bytes.withUnsafeBytes { UnsafeMutableRawPointer(mutating: $0.baseAddress) }
    }
}

/// Where a request stands, kept in libmicrohttpd's per-request pointer (`*req_cls`) as a small tagged
/// number rather than an allocation.
private enum RequestMark {
    /// The request line is in and its target was checked; the head is not complete yet.
    case target(RequestFraming.TargetCheck)
    /// The head is complete and the request is counted in flight.
    case headReceived

    init(_ pointer: UnsafeMutableRawPointer?) {
        let bits = UInt(bitPattern: pointer)
        switch bits & 7 {
        case 1: self = .headReceived
        case 3: self = .target(.tooManyParameters(Int(bits >> 3)))
        case 4: self = .target(.tooLong(Int(bits >> 3)))
        default: self = .target(.accepted)
        }
    }

    var pointer: UnsafeMutableRawPointer? {
        switch self {
        case .headReceived: UnsafeMutableRawPointer(bitPattern: 1)
        case .target(.accepted): UnsafeMutableRawPointer(bitPattern: 2)
        case .target(.tooManyParameters(let count)): UnsafeMutableRawPointer(bitPattern: UInt(count) << 3 | 3)
        case .target(.tooLong(let bytes)): UnsafeMutableRawPointer(bitPattern: UInt(bytes) << 3 | 4)
        }
    }
}
