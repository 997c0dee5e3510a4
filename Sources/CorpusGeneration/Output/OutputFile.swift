import Foundation

/// One output file, written in large chunks and counting the bytes it has received.
final class OutputFile {
    private let handle: FileHandle
    /// The bytes written so far.
    private(set) var byteCount = 0

    /// Creates (or truncates) the file at `url` for writing.
    init(url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path])
        }
        handle = try FileHandle(forWritingTo: url)
    }

    /// Appends `bytes` to the file.
    func write(_ bytes: [UInt8]) throws {
        try handle.write(contentsOf: bytes)
        byteCount += bytes.count
    }

    /// Flushes and closes the file.
    func close() throws {
        try handle.close()
    }

    /// Writes a whole small file at once and returns its size.
    static func write(_ bytes: [UInt8], to url: URL) throws -> Int {
        let file = try OutputFile(url: url)
        try file.write(bytes)
        try file.close()
        return bytes.count
    }
}
