import SwitchyardCore

extension SimulatorOpenAI {
    /// Token counts as OpenAI reports them in `usage`.
    struct Usage {
        var prompt: Int
        var completion: Int

        var json: JSONValue {
            [
                "prompt_tokens": .number(JSONNumber(prompt)),
                "completion_tokens": .number(JSONNumber(completion)),
                "total_tokens": .number(JSONNumber(prompt + completion)),
            ]
        }
    }

    /// The first of `names` that is set (not null), as a token limit of at least 1.
    static func maxTokens(_ body: JSONObject, _ names: String...) throws(APIError) -> Int? {
        for name in names {
            guard let value = body[name], !value.isNull else { continue }
            guard let limit = value.intValue, limit >= 1 else {
                throw .invalid("'\(name)' must be an integer of at least 1.", param: name)
            }
            return limit
        }
        return nil
    }

    /// Whether `stream` is true; it must be a boolean when present.
    static func isStreaming(_ body: JSONObject) throws(APIError) -> Bool {
        guard let value = body["stream"], !value.isNull else { return false }
        guard let stream = value.boolValue else { throw .invalid("'stream' must be a boolean.", param: "stream") }
        return stream
    }

    /// Whether the usage chunk was asked for with `stream_options.include_usage`.
    static func includesUsage(_ body: JSONObject) -> Bool {
        body["stream_options"]?.objectValue?["include_usage"]?.boolValue == true
    }
}
