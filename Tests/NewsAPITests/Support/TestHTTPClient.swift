import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A minimal blocking HTTP/1.1 client over a real socket, so live tests see exactly what the wire
/// carries: status line, every header, and the body as sent (or its absence, for HEAD and 304).
final class TestHTTPClient {
    struct Reply {
        let status: Int
        let headers: [(name: String, value: String)]
        let body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    enum Failure: Error {
        case connect, closed
        case malformed(String)
    }

    private let socket: Int32
    private var buffer: [UInt8] = []

    /// Connects to 127.0.0.1:`port`. With `descriptorAtLeast`, the socket is moved to the lowest free
    /// descriptor from that number up before it connects, out of the range a server in this process is
    /// given its connections from.
    init(port: Int, descriptorAtLeast: Int32? = nil) throws {
        // The socket is opened and connected before `self` exists, so a failed connect closes it once
        // here and `deinit` never closes it again (a double close could close a descriptor that a
        // server in another test has meanwhile been given).
        socket = try TestHTTPClient.connect(port: port, descriptorAtLeast: descriptorAtLeast)
    }

    private static func connect(port: Int, descriptorAtLeast: Int32?) throws -> Int32 {
        var socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure.connect }
        if let descriptorAtLeast {
            let moved = fcntl(socket, F_DUPFD, descriptorAtLeast)
            close(socket)
            guard moved >= 0 else { throw Failure.connect }
            socket = moved
        }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(socket)
            throw Failure.connect
        }
        return socket
    }

    deinit { close(socket) }

    /// The socket, for tests that watch it directly.
    var descriptor: Int32 { socket }

    /// Sends raw bytes as they are (for malformed or unusual requests).
    func sendRaw(_ text: String) {
        var bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeMutableBytes {
                Glibc.send(socket, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL))
            }
            if n <= 0 { return }
            sent += n
        }
    }

    /// Sends one request and reads its reply on this (kept-alive) connection.
    func request(_ method: String = "GET", _ target: String, headers: [(String, String)] = [], body: String? = nil) throws
        -> Reply
    {
        var text = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if let body { text += "Content-Length: \(body.utf8.count)\r\n" }
        text += "\r\n" + (body ?? "")
        sendRaw(text)
        return try readReply(expectBody: method != "HEAD")
    }

    /// Reads one reply; bodies are delimited by Content-Length (the server always sends it).
    func readReply(expectBody: Bool = true) throws -> Reply {
        let headerEnd = try readUntil(Array("\r\n\r\n".utf8))
        let head = String(decoding: buffer[..<headerEnd], as: UTF8.self)
        buffer.removeFirst(headerEnd + 4)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw Failure.malformed(head) }
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
        let length = headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
        let chunked = headers.contains { $0.name.lowercased() == "transfer-encoding" && $0.value.lowercased() == "chunked" }
        var body: [UInt8] = []
        if expectBody, chunked {
            body = try readChunkedBody()
        } else if expectBody, status != 204, status != 304, length > 0 {
            while buffer.count < length { try fill() }
            body = Array(buffer[..<length])
            buffer.removeFirst(length)
        }
        return Reply(status: status, headers: headers, body: body)
    }

    /// Reads a `Transfer-Encoding: chunked` body (RFC 9112 §7.1), trailers ignored.
    private func readChunkedBody() throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let lineEnd = try readUntil(Array("\r\n".utf8))
            let sizeText = String(decoding: buffer[..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            buffer.removeFirst(lineEnd + 2)
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else {
                throw Failure.malformed("chunk size \(sizeText)")
            }
            if size == 0 {
                let end = try readUntil(Array("\r\n".utf8))
                buffer.removeFirst(end + 2)
                return body
            }
            while buffer.count < size + 2 { try fill() }
            body.append(contentsOf: buffer[..<size])
            buffer.removeFirst(size + 2)
        }
    }

    /// Every byte the server sends until it closes the connection (or the 10 s receive timeout), with
    /// whatever was already read; `closed` says whether it closed.
    func readToEnd() -> (bytes: [UInt8], closed: Bool) {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                buffer.append(contentsOf: chunk[..<n])
            } else {
                defer { buffer.removeAll() }
                return (buffer, n == 0 || errno == ECONNRESET)
            }
        }
    }

    private func readUntil(_ marker: [UInt8]) throws -> Int {
        while true {
            if buffer.count >= marker.count {
                for start in 0...(buffer.count - marker.count) where Array(buffer[start..<(start + marker.count)]) == marker {
                    return start
                }
            }
            try fill()
        }
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { throw Failure.closed }
        buffer.append(contentsOf: chunk[..<n])
    }
}
