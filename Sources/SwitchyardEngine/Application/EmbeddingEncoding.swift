import Foundation
import SwitchyardCore

/// OpenAI's `encoding_format: "base64"` for providers that only answer float arrays.
///
/// The official OpenAI SDKs ask for base64 by default. Adapters of other dialects accept the parameter
/// and answer floats (as LiteLLM does); this turns those floats into what the client asked for —
/// base64 of little-endian float32, OpenAI's format — so every provider answers the same way.
package enum EmbeddingEncoding {
    /// `answer` with float-array embeddings encoded as base64 when `request` asked for base64.
    package static func apply(to answer: JSONObject, request: JSONObject) -> JSONObject {
        guard request["encoding_format"]?.stringValue == "base64", let data = answer["data"]?.arrayValue else { return answer }
        var encoded = answer
        encoded["data"] = .array(
            data.map { item in
                guard var object = item.objectValue, let vector = object["embedding"]?.arrayValue else { return item }
                object["embedding"] = .string(base64(vector))
                return .object(object)
            }
        )
        return encoded
    }

    /// Little-endian float32 bytes of `vector`, base64-encoded.
    package static func base64(_ vector: [JSONValue]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(vector.count * 4)
        for value in vector {
            let bits = Float(value.doubleValue ?? 0).bitPattern.littleEndian
            withUnsafeBytes(of: bits) { bytes.append(contentsOf: $0) }
        }
        return Data(bytes).base64EncodedString()
    }
}
