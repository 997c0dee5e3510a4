import CMicroHTTPD

/// A response built once into libmicrohttpd's own form and queued for any number of requests.
///
/// libmicrohttpd counts references to a response, so one prepared response can be sent on many
/// connections at once; it is destroyed when the last Swift reference goes.
public final class PreparedResponse: @unchecked Sendable {
    // @unchecked: the handle is written once in init and libmicrohttpd synchronises its own reference
    // count when the response is queued from several threads.
    let handle: OpaquePointer

    /// Prepares `response` (status, header fields and body are copied).
    public init?(_ response: Response) {
        let created = response.body.withUnsafeBytes { buffer in
            MHD_create_response_from_buffer(buffer.count, UnsafeMutableRawPointer(mutating: buffer.baseAddress),
                                            .RESPMEM_MUST_COPY)
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
