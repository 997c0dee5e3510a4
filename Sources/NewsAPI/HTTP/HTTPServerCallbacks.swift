import CMicroHTTPD

/// The C callbacks handed to libmicrohttpd.
///
/// They live in a non-isolated type (never at top level of `main.swift`, which would make them
/// main-actor isolated and crash when a daemon thread calls them) and capture nothing.
enum HTTPServerCallbacks {
    /// Per-request marks stored in libmicrohttpd's `*req_cls`.
    private enum Mark {
        /// Headers are in; the response is sent on the next call so keep-alive stays on.
        static var headersReceived: UnsafeMutableRawPointer? { UnsafeMutableRawPointer(bitPattern: 1) }
        /// A body arrived: it is discarded, and the request is marked as having had one.
        static var bodyRefused: UnsafeMutableRawPointer? { UnsafeMutableRawPointer(bitPattern: 2) }
    }

    static let accessHandler: MHD_AccessHandlerCallback = { cls, connection, url, method, _, _, uploadSize, requestMark in
        guard let cls, let connection, let url, let method, let uploadSize, let requestMark else { return .NO }
        let context = Unmanaged<HTTPServerContext>.fromOpaque(cls).takeUnretainedValue()

        if requestMark.pointee == nil {
            requestMark.pointee = Mark.headersReceived
            context.requestStarted()
            return .YES
        }
        if uploadSize.pointee != 0 {
            // libmicrohttpd 0.9.75 cannot queue a response mid-upload: discard the body, refuse at the end.
            uploadSize.pointee = 0
            requestMark.pointee = Mark.bodyRefused
            return .YES
        }
        let started = ContinuousClock.now
        let request = Request(RequestHead(connection: connection, url: url, method: method,
                                          hasBody: requestMark.pointee == Mark.bodyRefused))
        var response = context.responder.respond(to: request)
        if context.isStopping {
            // Keep-alive clients go away instead of sending more requests (this drops a cached copy).
            response.headers.set("Connection", "close")
        }
        let result = queue(response, on: connection)
        if let observer = context.observer {
            observer(RequestRecord(method: request.method, path: request.path,
                                   route: response.routeLabel ?? Router.unmatchedLabel, status: response.status,
                                   bytes: request.method == .head ? 0 : response.body.count,
                                   duration: ContinuousClock.now - started))
        }
        return result
    }

    static let requestCompleted: MHD_RequestCompletedCallback = { cls, _, requestMark, _ in
        guard let cls, let requestMark, requestMark.pointee != nil else { return }
        Unmanaged<HTTPServerContext>.fromOpaque(cls).takeUnretainedValue().requestFinished()
        requestMark.pointee = nil
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

    /// Hands a response to libmicrohttpd: its cached copy when it has one, else a new one (the body is copied).
    private static func queue(_ response: Response, on connection: OpaquePointer) -> MHD_Result {
        if let cached = response.cached {
            return MHD_queue_response(connection, UInt32(response.status.code), cached.handle)
        }
        let prepared: OpaquePointer?
        if let stream = response.stream {
            prepared = MHD_create_response_from_callback(UInt64.max, 64 * 1024, streamReader,
                                                         Unmanaged.passRetained(stream).toOpaque(), streamReleaser)
        } else {
            prepared = response.body.withUnsafeBytes { buffer in
                MHD_create_response_from_buffer(buffer.count, UnsafeMutableRawPointer(mutating: buffer.baseAddress),
                                                .RESPMEM_MUST_COPY)
            }
        }
        guard let prepared else { return .NO }
        for field in response.headers {
            _ = MHD_add_response_header(prepared, field.name, field.value)
        }
        let result = MHD_queue_response(connection, UInt32(response.status.code), prepared)
        MHD_destroy_response(prepared)
        return result
    }
}
