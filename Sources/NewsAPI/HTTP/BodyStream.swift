/// A response body made piece by piece while it is sent, so a large export never sits in memory.
///
/// libmicrohttpd asks one connection's response for its bytes from one thread at a time, so the
/// unsynchronised buffer here is only ever touched by one thread at once.
package final class BodyStream: @unchecked Sendable {
    private let nextChunk: () -> [UInt8]?
    private var chunk: [UInt8] = []
    private var position = 0
    private var finished = false

    /// Creates a stream whose bytes are the chunks `nextChunk` returns, in order, until it returns `nil`.
    init(_ nextChunk: @escaping () -> [UInt8]?) {
        self.nextChunk = nextChunk
    }

    /// Copies up to `buffer.count` bytes into `buffer`; returns how many, or `nil` at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        while position == chunk.count {
            guard !finished, let next = nextChunk() else {
                finished = true
                return nil
            }
            chunk = next
            position = 0
        }
        let count = min(buffer.count, chunk.count - position)
        chunk.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + position, byteCount: count)
        }
        position += count
        return count
    }

    /// Every remaining byte, for tests and for callers with no socket.
    package func collect() -> [UInt8] {
        var all: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while let count = buffer.withUnsafeMutableBytes({ read(into: $0) }) {
            all.append(contentsOf: buffer[..<count])
        }
        return all
    }
}
