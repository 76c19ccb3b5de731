import NIOCore
import SwitchyardCore

extension SimulatorGemini {
    /// `generateContent` and `streamGenerateContent?alt=sse`.
    ///
    /// The reply quotes the text of the last `user` turn that has text, word for word the OpenAI dialect's reply to the same
    /// prompt; `generationConfig.maxOutputTokens` fits it as `max_tokens` does there (`MAX_TOKENS` when cut).
    /// When the request declares functions, the mode is not `NONE` and the last turn is not a function response,
    /// the model calls the first allowed function instead, with every required argument set to `"simulated"`.
    /// A stream sends one event per word (CRLF-framed, as Google frames them), the last one with `finishReason`
    /// and complete `usageMetadata`; there is no `[DONE]`.
    static func generateContent(_ exchange: Exchange, streaming: Bool) throws(APIError) -> Answer {
        guard let contents = exchange.body["contents"]?.arrayValue, !contents.isEmpty else {
            throw .invalid("* GenerateContentRequest.contents: contents is not specified")
        }
        let promptTokens = promptTokens(exchange.body) ?? 0
        if let call = functionCall(exchange.body, contents: contents) {
            let parts: JSONValue = [["functionCall": call]]
            let event = response(exchange, parts: parts, finishReason: "STOP", usage: (promptTokens, 1))
            return streaming ? .events([SimulatorDecision.Chunk(bytes: Self.event(event))]) : .json(event)
        }
        // The last user turn with text: a turn of function responses answers the model, it is not a new question.
        let lastUser =
            contents.last { content in
                content.objectValue?["role"]?.stringValue != "model"
                    && (content.objectValue?["parts"]?.arrayValue ?? []).contains { $0.objectValue?["text"] != nil }
            } ?? contents[contents.count - 1]
        var limit: Int?
        if let value = exchange.body["generationConfig"]?.objectValue?["maxOutputTokens"], !value.isNull {
            guard let number = value.intValue, number >= 1 else { throw .invalid("maxOutputTokens must be a positive integer.") }
            limit = number
        }
        let reply = SimulatedReply(prompt: text(of: lastUser), maxTokens: limit)
        let finishReason = reply.finishReason == "length" ? "MAX_TOKENS" : "STOP"
        guard streaming else {
            let parts: JSONValue = [["text": .string(reply.text)]]
            return .json(response(exchange, parts: parts, finishReason: finishReason, usage: (promptTokens, reply.words.count)))
        }
        var chunks: [SimulatorDecision.Chunk] = []
        for index in reply.words.indices {
            let last = index == reply.words.count - 1
            let event = response(
                exchange, parts: [["text": .string(reply.piece(index))]], finishReason: last ? finishReason : nil,
                usage: (promptTokens, last ? reply.words.count : nil))
            chunks.append(SimulatorDecision.Chunk(delay: index == 0 ? .zero : exchange.tokenInterval, bytes: Self.event(event)))
        }
        return .events(chunks)
    }

    /// One `GenerateContentResponse` with a single candidate.
    static func response(_ exchange: Exchange, parts: JSONValue, finishReason: String?, usage: (prompt: Int, completion: Int?)) -> JSONValue {
        var candidate: JSONObject = ["content": ["parts": parts, "role": "model"], "index": 0]
        if let finishReason { candidate["finishReason"] = .string(finishReason) }
        var metadata: JSONObject = ["promptTokenCount": .number(JSONNumber(usage.prompt))]
        if let completion = usage.completion { metadata["candidatesTokenCount"] = .number(JSONNumber(completion)) }
        metadata["totalTokenCount"] = .number(JSONNumber(usage.prompt + (usage.completion ?? 0)))
        return [
            "candidates": [.object(candidate)], "usageMetadata": .object(metadata), "modelVersion": .string(exchange.model),
            "responseId": .string(exchange.responseID),
        ]
    }

    /// `data: {json}\r\n\r\n`.
    static func event(_ value: JSONValue) -> ByteBuffer {
        var buffer = ByteBuffer(string: "data: ")
        value.write(to: &buffer)
        buffer.writeString("\r\n\r\n")
        return buffer
    }

    /// The function call the simulated model makes, if the request lets it call one.
    static func functionCall(_ body: JSONObject, contents: [JSONValue]) -> JSONValue? {
        let declarations = (body["tools"]?.arrayValue ?? []).flatMap { $0.objectValue?["functionDeclarations"]?.arrayValue ?? [] }
        let config = body["toolConfig"]?.objectValue?["functionCallingConfig"]?.objectValue
        guard !declarations.isEmpty, config?["mode"]?.stringValue != "NONE" else { return nil }
        let lastParts = contents.last?.objectValue?["parts"]?.arrayValue ?? []
        guard !lastParts.contains(where: { $0.objectValue?["functionResponse"] != nil }) else { return nil }
        let allowed = config?["allowedFunctionNames"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let declaration = declarations.first { allowed.isEmpty || allowed.contains($0.objectValue?["name"]?.stringValue ?? "") }
        guard let object = declaration?.objectValue, let name = object["name"]?.stringValue else { return nil }
        let required = object["parameters"]?.objectValue?["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        return ["name": .string(name), "args": .object(JSONObject(required.map { ($0, JSONValue.string("simulated")) }))]
    }

    /// The prompt tokens of a `generateContent` body: the words of every text part, system instruction included,
    /// and of every function response.
    static func promptTokens(_ body: JSONObject) -> Int? {
        guard let contents = body["contents"]?.arrayValue else { return nil }
        var tokens = SimulatedReply.tokenCount(text(of: body["system_instruction"] ?? body["systemInstruction"] ?? nil))
        for content in contents { tokens += SimulatedReply.tokenCount(text(of: content)) }
        return tokens
    }

    /// The text of a `Content`: its text parts joined by spaces, function responses as their JSON.
    static func text(of content: JSONValue?) -> String {
        let parts = content?.objectValue?["parts"]?.arrayValue ?? []
        return parts.compactMap { part -> String? in
            let object = part.objectValue
            if let text = object?["text"]?.stringValue { return text }
            return object?["functionResponse"]?.objectValue?["response"]?.jsonString
        }.joined(separator: " ")
    }
}
