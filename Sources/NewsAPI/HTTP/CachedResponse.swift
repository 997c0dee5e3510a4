import CMicroHTTPD

/// An answer in libmicrohttpd's own form, built once and queued for any number of requests: what the
/// response cache keeps.
///
/// libmicrohttpd counts references to a response, so one cached response can be sent on many
/// connections at once; it is destroyed when the last Swift reference goes.
final class CachedResponse: @unchecked Sendable {
    // @unchecked: the handle is written once in init and libmicrohttpd synchronises its own reference
    // count when the response is queued from several threads.
    let handle: OpaquePointer

    /// Builds libmicrohttpd's copy of `response` (header fields and body are copied).
    init?(_ response: Response) {
        let created = response.body.withUnsafeBytes { buffer in
            MHD_create_response_from_buffer(
                buffer.count, UnsafeMutableRawPointer(mutating: buffer.baseAddress), .RESPMEM_MUST_COPY)
        }
        guard let created else { return nil }
        for field in response.headers {
            _ = MHD_add_response_header(created, field.name, field.value)
        }
        handle = created
    }

    deinit {
        MHD_destroy_response(handle)
    }
}
