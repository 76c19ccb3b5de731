import Foundation
import NIOCore
import SwitchyardCore
import SwitchyardKeys
import SwitchyardProviders

/// Reads one upstream stream into OpenAI chunk objects: decodes its events, translates them from the
/// provider's dialect, and sets the public model name. Shared by the SSE pipe to clients and the
/// library's `streamChat`.
package struct ChunkReader {
    package let model: String
    package var translator: any StreamTranslator
    /// Whether the upstream ended the stream (`[DONE]`); later events are ignored.
    private(set) var done = false
    /// `usage.total_tokens` of the stream, when a chunk reported it (`stream_options.include_usage`).
    private(set) var totalTokens: Int?
    /// The stream's usage, when a chunk reported it.
    private(set) var usage: TokenUsage?
    /// Characters of content and tool-call arguments streamed, for estimating tokens without usage.
    private(set) var completionCharacters = 0
    /// When the first chunk arrived.
    private(set) var firstChunkAt: Date?
    /// Drop the usage-only chunk: the gateway asked the upstream for usage, the client did not.
    package var hideUsageChunk = false

    package init(model: String, translator: any StreamTranslator, hideUsageChunk: Bool = false) {
        self.model = model
        self.translator = translator
        self.hideUsageChunk = hideUsageChunk
    }

    /// What the stream delivered so far.
    package var tally: StreamTally {
        StreamTally(usage: usage, totalTokens: totalTokens, completionCharacters: completionCharacters, firstTokenAt: firstChunkAt)
    }

    /// The chunks completed by one upstream read.
    package mutating func read(_ bytes: ByteBuffer) throws(GatewayError) -> [JSONObject] {
        guard !done else { return [] }
        return collect(try translator.translate(bytes))
    }

    /// The chunks of a last event the upstream did not terminate.
    package mutating func finish() throws(GatewayError) -> [JSONObject] {
        guard !done else { return [] }
        return collect(try translator.finish())
    }

    private mutating func collect(_ outputs: [StreamOutput]) -> [JSONObject] {
        var objects: [JSONObject] = []
        for output in outputs {
            switch output {
            case .chunk(var object):
                if firstChunkAt == nil { firstChunkAt = Date() }
                if object["model"] != nil { object["model"] = .string(model) }
                let choices = object["choices"]?.arrayValue
                if let usageObject = object["usage"]?.objectValue {
                    if let total = usageObject["total_tokens"]?.intValue { totalTokens = total }
                    if let counted = TokenUsage(openAIUsage: usageObject) { usage = counted }
                    if hideUsageChunk, choices?.isEmpty ?? true { continue }
                }
                for choice in choices ?? [] { completionCharacters += Self.characters(in: choice) }
                objects.append(object)
            case .done:
                done = true
                return objects
            }
        }
        return objects
    }

    /// Characters of a chunk choice's content, text and tool-call arguments.
    package static func characters(in choice: JSONValue) -> Int {
        guard let choice = choice.objectValue else { return 0 }
        var count = choice["text"]?.stringValue?.utf8.count ?? 0
        guard let delta = choice["delta"]?.objectValue else { return count }
        count += delta["content"]?.stringValue?.utf8.count ?? 0
        for call in delta["tool_calls"]?.arrayValue ?? [] {
            count += call.objectValue?["function"]?.objectValue?["arguments"]?.stringValue?.utf8.count ?? 0
        }
        return count
    }
}
