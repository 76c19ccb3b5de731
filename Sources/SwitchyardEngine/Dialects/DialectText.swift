import NIOCore
import SwitchyardCore

/// Text helpers the client dialects share: ids, SSE events, tool arguments.
package enum DialectBody {
    /// A random identifier with `prefix` (`msg_`, `resp_`, …): 24 hexadecimal digits.
    package static func identifier(_ prefix: String) -> String {
        let high = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let low = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return prefix + String(repeating: "0", count: 16 - high.count) + high + String(repeating: "0", count: 8 - low.count) + low
    }

    /// Appends one named SSE event, `event: <name>\ndata: <json>\n\n`, to `buffer`.
    package static func writeEvent(_ name: String, _ data: JSONObject, to buffer: inout ByteBuffer) {
        buffer.writeString("event: \(name)\ndata: ")
        JSONValue.object(data).write(to: &buffer)
        buffer.writeStaticString("\n\n")
    }

    /// The string form of a JSON value used as tool arguments: strings as they are, anything else serialized.
    package static func argumentsString(_ value: JSONValue?) -> String {
        switch value {
        case nil, .null?: "{}"
        case .string(let text)?: text
        case let other?: other.jsonString
        }
    }

    /// Tool arguments text parsed as a JSON object; text that is not one becomes `{}` (the upstream's fault, not the client's).
    package static func argumentsObject(_ text: String?) -> JSONValue {
        guard let text, !text.isEmpty, let value = try? JSONValue(parsing: text), value.objectValue != nil else { return .object([:]) }
        return value
    }
}
