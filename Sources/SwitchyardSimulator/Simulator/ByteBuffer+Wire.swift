import NIOCore
import SwitchyardCore

extension ByteBuffer {
    /// One server-sent event carrying `value`: `data: {json}\n\n`.
    init(serverSentEvent value: JSONValue) {
        self.init(string: "data: ")
        value.write(to: &self)
        writeString("\n\n")
    }

    /// The event that ends an OpenAI-style stream: `data: [DONE]\n\n`.
    static let serverSentDone = ByteBuffer(string: "data: [DONE]\n\n")

    /// The first half of the readable bytes: never valid JSON when the whole was an object or array.
    var firstHalf: ByteBuffer {
        getSlice(at: readerIndex, length: readableBytes / 2) ?? ByteBuffer()
    }
}
