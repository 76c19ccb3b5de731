import NIOCore
import SwitchyardCore
import SwitchyardSimulator
import Testing

struct EmbeddingsTests {
    private func vectors(_ body: JSONValue) async throws -> [[Double]] {
        let json = try await Sim.json(Sim.engine().respond(to: Sim.post("/v1/embeddings", body)))
        return (json["data"]?.arrayValue ?? []).map { item in (item["embedding"]?.arrayValue ?? []).compactMap(\.doubleValue) }
    }

    @Test func answersEightDimensionsByDefault() async throws {
        let json = try await Sim.json(
            Sim.engine().respond(to: Sim.post("/v1/embeddings", ["model": "text-embedding-3-small", "input": "hello world"])))
        #expect(json["object"] == "list")
        #expect(json["model"] == "text-embedding-3-small")
        #expect(json["data", 0, "object"] == "embedding")
        #expect(json["data", 0, "index"] == 0)
        #expect(json["data", 0, "embedding"]?.arrayValue?.count == 8)
        #expect(json["usage", "prompt_tokens"] == 2)
        #expect(json["usage", "total_tokens"] == 2)
    }

    @Test func honoursTheDimensionsParameter() async throws {
        let vectors = try await vectors(["model": "m", "input": "hello", "dimensions": 256])
        #expect(vectors.first?.count == 256)
    }

    @Test func givesTheSameInputTheSameUnitVectorAndOthersADifferentOne() async throws {
        let vectors = try await vectors(["model": "m", "input": ["alpha", "beta", "alpha"]])
        #expect(vectors.count == 3)
        #expect(vectors[0] == vectors[2])
        #expect(vectors[0] != vectors[1])
        let length = vectors[0].reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(abs(length - 1) < 1e-4)
        let again = try await self.vectors(["model": "other", "input": "alpha"])
        #expect(again[0] == vectors[0])
    }

    @Test func encodesBase64AsLittleEndianFloat32OfTheSameVector() async throws {
        let floats = try await vectors(["model": "m", "input": "alpha"])[0]
        let json = try await Sim.json(
            Sim.engine().respond(to: Sim.post("/v1/embeddings", ["model": "m", "input": "alpha", "encoding_format": "base64"])))
        let encoded = try #require(json["data", 0, "embedding"]?.stringValue)
        let bytes = try #require(Base64.decode(encoded))
        #expect(bytes.count == 32)
        let decoded = stride(from: 0, to: bytes.count, by: 4).map { offset in
            Float(bitPattern: (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << ($1 * 8) })
        }
        #expect(decoded == floats.map { Float($0) })
    }

    @Test func acceptsTokenArrays() async throws {
        let json = try await Sim.json(Sim.engine().respond(to: Sim.post("/v1/embeddings", ["model": "m", "input": [[1, 2], [3]]])))
        #expect(json["data"]?.arrayValue?.count == 2)
        #expect(json["usage", "prompt_tokens"] == 3)
    }

    @Test func rejectsAnEmptyInputAndAnUnknownEncoding() async throws {
        let empty = try await Sim.engine().respond(to: Sim.post("/v1/embeddings", ["model": "m", "input": []]))
        #expect(empty.status == 400)
        let encoding = try await Sim.engine().respond(to: Sim.post("/v1/embeddings", ["model": "m", "input": "x", "encoding_format": "hex"]))
        #expect(encoding.status == 400)
        #expect(try await Sim.json(encoding)["error", "param"] == "encoding_format")
    }
}

/// A base64 decoder for checking the simulator's encoder against an independent implementation.
enum Base64 {
    static func decode(_ text: String) -> [UInt8]? {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var bits: UInt32 = 0
        var count = 0
        var output: [UInt8] = []
        for character in text.utf8 where character != UInt8(ascii: "=") {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            bits = bits << 6 | UInt32(value)
            count += 6
            if count >= 8 {
                count -= 8
                output.append(UInt8(truncatingIfNeeded: bits >> UInt32(count)))
            }
        }
        return output
    }
}
