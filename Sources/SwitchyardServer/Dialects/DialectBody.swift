import Hummingbird
import NIOCore
import SwitchyardCore

/// Reading a dialect's request body, with the same size limit as the OpenAI routes.
enum DialectBody {
    /// The body of `request` as a JSON object.
    static func read(_ request: Request, context: GatewayContext) async throws(GatewayError) -> JSONObject {
        let buffer = try await RequestBody.collect(request, context: context)
        let value: JSONValue
        do {
            value = try JSONValue(parsing: buffer)
        } catch {
            throw GatewayError.malformedJSON(error.description)
        }
        guard let object = value.objectValue else {
            throw GatewayError(.badRequest, "The request body must be a JSON object.", code: "invalid_request_body")
        }
        return object
    }

    /// A random identifier with `prefix` (`msg_`, `resp_`, …): 24 hexadecimal digits.
    static func identifier(_ prefix: String) -> String {
        let high = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let low = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return prefix + String(repeating: "0", count: 16 - high.count) + high + String(repeating: "0", count: 8 - low.count) + low
    }

    /// Appends one named SSE event, `event: <name>\ndata: <json>\n\n`, to `buffer`.
    static func writeEvent(_ name: String, _ data: JSONObject, to buffer: inout ByteBuffer) {
        buffer.writeString("event: \(name)\ndata: ")
        JSONValue.object(data).write(to: &buffer)
        buffer.writeStaticString("\n\n")
    }

    /// The string form of a JSON value used as tool arguments: strings as they are, anything else serialized.
    static func argumentsString(_ value: JSONValue?) -> String {
        switch value {
        case nil, .null?: "{}"
        case .string(let text)?: text
        case let other?: other.jsonString
        }
    }

    /// Tool arguments text parsed as a JSON object; text that is not one becomes `{}` (the upstream's fault, not the client's).
    static func argumentsObject(_ text: String?) -> JSONValue {
        guard let text, !text.isEmpty, let value = try? JSONValue(parsing: text), value.objectValue != nil else { return .object([:]) }
        return value
    }
}
