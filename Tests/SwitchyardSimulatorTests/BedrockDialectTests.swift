import NIOCore
import SwitchyardCore
import SwitchyardProviders
import SwitchyardSimulator
import Testing

struct BedrockDialectTests {
    static let path = "/model/anthropic.claude-3-haiku-20240307-v1%3A0"
    static let credentials = SigV4Signer.Credentials(
        accessKeyID: "AKIDEXAMPLE", secretAccessKey: Secret("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"))

    /// `request` signed as the Bedrock adapter signs (host, x-amz-date, content hash, authorization).
    static func sign(_ request: SimulatorRequest, with credentials: SigV4Signer.Credentials = credentials) throws -> SimulatorRequest {
        var upstream = UpstreamRequest(
            method: request.method, url: "https://bedrock-runtime.us-east-1.amazonaws.com" + request.path, headers: request.headers,
            body: request.body, timeout: 10)
        try SigV4Signer(credentials: credentials, region: "us-east-1", service: "bedrock").sign(&upstream, unixSeconds: 1_714_521_600)
        var signed = request
        signed.headers = upstream.headers
        return signed
    }

    func converse(_ action: String = "converse", model: String? = nil, extra: JSONObject = [:], signed: Bool = true) throws -> SimulatorRequest {
        var body: JSONObject = ["system": [["text": "Be brief."]], "messages": [["role": "user", "content": [["text": "Hi you"]]]]]
        for (key, value) in extra { body[key] = value }
        let request = Sim.post((model.map { "/model/\($0)" } ?? Self.path) + "/" + action, .object(body), headers: [])
        return signed ? try Self.sign(request) : request
    }

    @Test func refusesAWrongSignatureAndAnUnknownKeyAsAWSDoes() async throws {
        var tampered = try converse()
        tampered.body = ByteBuffer(string: #"{"messages": [{"role": "user", "content": [{"text": "changed"}]}]}"#)
        let wrong = try await Sim.engine().respond(to: tampered)
        #expect(wrong.status == 403)
        #expect(wrong.header("x-amzn-errortype")?.hasPrefix("InvalidSignatureException") == true)
        let otherSecret = SigV4Signer.Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: Secret("not-the-secret"))
        let badSecret = try await Sim.engine().respond(to: try Self.sign(try converse(signed: false), with: otherSecret))
        #expect(badSecret.header("x-amzn-errortype")?.hasPrefix("InvalidSignatureException") == true)
        let stranger = SigV4Signer.Credentials(accessKeyID: "AKIDSTRANGER", secretAccessKey: Secret("s"))
        let unknown = try await Sim.engine().respond(to: try Self.sign(try converse(signed: false), with: stranger))
        #expect(unknown.status == 403)
        #expect(unknown.header("x-amzn-errortype")?.hasPrefix("UnrecognizedClientException") == true)
    }

    @Test func answersConverseWithTheOpenAIDialectsText() async throws {
        let response = try await Sim.engine().respond(to: try converse())
        #expect(response.status == 200)
        let object = try #require(try await Sim.json(response).objectValue)
        #expect(object["output"] == ["message": ["role": "assistant", "content": [["text": "Simulated reply to: Hi you"]]]])
        #expect(object["stopReason"] == "end_turn")
        #expect(object["usage"] == ["inputTokens": 4, "outputTokens": 5, "totalTokens": 9])
    }

    @Test func streamsABinaryEventStreamWithValidChecksums() async throws {
        let response = try await Sim.engine().respond(to: try converse("converse-stream"))
        #expect(response.header("content-type") == "application/vnd.amazon.eventstream")
        var decoder = AWSEventStreamDecoder()
        let messages = try decoder.feed(try await Sim.bytes(response))
        try decoder.finish()
        let types = messages.compactMap { $0.stringHeader(":event-type") }
        #expect(types.first == "messageStart")
        #expect(types.suffix(3) == ["contentBlockStop", "messageStop", "metadata"])
        #expect(types.filter { $0 == "contentBlockDelta" }.count == 5)
    }

    @Test func callsTheFirstToolWhenTheUserAsksAboutTheWeather() async throws {
        let tool: JSONValue = [
            "toolSpec": [
                "name": "get_weather",
                "inputSchema": ["json": ["type": "object", "properties": ["location": ["type": "string"]], "required": ["location"]]],
            ]
        ]
        let request = try converse(extra: [
            "messages": [["role": "user", "content": [["text": "Weather in Paris?"]]]], "toolConfig": ["tools": [tool]],
        ])
        let object = try #require(try await Sim.json(try await Sim.engine().respond(to: request)).objectValue)
        #expect(object["stopReason"] == "tool_use")
        let use = object["output"]?.objectValue?["message"]?.objectValue?["content"]?.arrayValue?.first?.objectValue?["toolUse"]?.objectValue
        #expect(use?["name"] == "get_weather")
        #expect(use?["input"] == ["location": "simulated"])
    }

    @Test func refusesARequestWithoutASigV4Authorization() async throws {
        let response = try await Sim.engine().respond(to: try converse(signed: false))
        #expect(response.status == 403)
        #expect(response.header("x-amzn-errortype")?.hasPrefix("MissingAuthenticationTokenException") == true)
    }

    @Test func injectsThrottlingAndTheContextWindowInBedrocksShape() async throws {
        let throttled = try await Sim.engine().respond(to: try converse(model: "anthropic.claude-v2-fail-429"))
        #expect(throttled.status == 429)
        #expect(throttled.header("x-amzn-errortype")?.hasPrefix("ThrottlingException") == true)
        let tooLong = try await Sim.engine().respond(to: try converse(model: "anthropic.claude-v2-ctx-2"))
        #expect(tooLong.status == 400)
        #expect(try await Sim.json(tooLong) == ["message": "Input is too long for requested model."])
    }

    @Test func embedsWithTitanAndCohere() async throws {
        let titan = try await Sim.engine().respond(
            to: try Self.sign(Sim.post("/model/amazon.titan-embed-text-v2:0/invoke", ["inputText": "hello there"], headers: [])))
        let titanBody = try #require(try await Sim.json(titan).objectValue)
        #expect(titanBody["inputTextTokenCount"] == 2)
        #expect(titanBody["embedding"]?.arrayValue?.isEmpty == false)
        let cohere = try await Sim.engine().respond(
            to: try Self.sign(
                Sim.post("/model/cohere.embed-english-v3/invoke", ["texts": ["a", "b"], "input_type": "search_document"], headers: [])))
        #expect(try await Sim.json(cohere).objectValue?["embeddings"]?.arrayValue?.count == 2)
    }
}
