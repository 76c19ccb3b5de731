import Foundation
import SwitchyardCore
import SwitchyardEngine
import Testing

@testable import SwitchyardServer

struct EmbeddingEncodingTests {
    @Test func encodesFloatVectorsAsLittleEndianFloat32Base64WhenAskedFor() throws {
        let answer: JSONObject = ["object": "list", "data": [["object": "embedding", "index": 0, "embedding": [1.0, -2.5]]]]
        let encoded = EmbeddingEncoding.apply(to: answer, request: ["encoding_format": "base64"])
        let text = try #require(encoded["data"]?.arrayValue?.first?.objectValue?["embedding"]?.stringValue)
        let bytes = try #require(Data(base64Encoded: text))
        #expect(Array(bytes) == [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x20, 0xC0])
    }

    @Test func leavesFloatsAndAlreadyEncodedVectorsAlone() {
        let floats: JSONObject = ["data": [["embedding": [0.5]]]]
        #expect(EmbeddingEncoding.apply(to: floats, request: [:]) == floats)
        let strings: JSONObject = ["data": [["embedding": "AAAAPw=="]]]
        #expect(EmbeddingEncoding.apply(to: strings, request: ["encoding_format": "base64"]) == strings)
    }
}
