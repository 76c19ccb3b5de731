import Foundation
import SwitchyardCore
import SwitchyardKeys
import SwitchyardProviders

/// The usage of an Anthropic event stream passed through as it is: `message_start` carries the input
/// (and cache) tokens, each `message_delta` the output tokens so far.
package struct AnthropicStreamUsage {
    private var start: JSONObject?
    private var outputTokens: Int?
    private var characters = 0
    private var firstEventAt: Date?

    package mutating func read(_ event: SSEEvent) {
        if firstEventAt == nil { firstEventAt = Date() }
        guard let name = event.event, name == "message_start" || name == "message_delta" || name == "content_block_delta" else { return }
        // Deltas are read only for an estimate, which a stream whose message_start carried usage never needs:
        // the usual stream parses two small events, not every delta.
        if name == "content_block_delta", start != nil { return }
        guard let object = try? JSONValue(parsing: event.data).objectValue else { return }
        switch name {
        case "message_start": start = object["message"]?.objectValue?["usage"]?.objectValue
        case "message_delta": outputTokens = object["usage"]?.objectValue?["output_tokens"]?.intValue ?? outputTokens
        default:
            let delta = object["delta"]?.objectValue
            characters += (delta?["text"]?.stringValue ?? delta?["partial_json"]?.stringValue ?? "").utf8.count
        }
    }

    /// What the stream delivered: its usage when `message_start` carried one (output tokens from the
    /// last `message_delta`), else the characters for an estimate.
    package var tally: StreamTally {
        var usage: TokenUsage?
        if var counted = start {
            if let outputTokens { counted["output_tokens"] = .number(JSONNumber(outputTokens)) }
            usage = AnthropicMessages.tokenUsage(counted)
        }
        return StreamTally(usage: usage, totalTokens: nil, completionCharacters: characters, firstTokenAt: firstEventAt)
    }
}
