import NIOCore
import SwitchyardCore

extension SimulatorReplicate {
    /// What a prediction needs to be answered again later, carried in its id (hex of compact JSON).
    struct State {
        var model: String
        var prompt: String
        var maxTokens: Int?

        init(model: String, prompt: String, maxTokens: Int?) {
            self.model = model
            self.prompt = prompt
            self.maxTokens = maxTokens
        }

        /// The state an id carries; a 404 when the id is not one the simulator made.
        init(id: String) throws(APIError) {
            var bytes: [UInt8] = []
            var index = id.startIndex
            while index < id.endIndex {
                let next = id.index(index, offsetBy: 2, limitedBy: id.endIndex) ?? id.endIndex
                guard let byte = UInt8(id[index..<next], radix: 16) else { throw APIError(status: 404, detail: "Prediction not found") }
                bytes.append(byte)
                index = next
            }
            guard let object = (try? JSONValue(parsing: bytes))?.objectValue else { throw APIError(status: 404, detail: "Prediction not found") }
            self.init(model: object["m"]?.stringValue ?? "", prompt: object["p"]?.stringValue ?? "", maxTokens: object["n"]?.intValue)
        }

        var id: String {
            var object: JSONObject = ["m": .string(model), "p": .string(prompt)]
            if let maxTokens { object["n"] = .number(JSONNumber(maxTokens)) }
            return JSONValue.object(object).jsonBytes.map { byte in
                let hex = String(byte, radix: 16)
                return hex.count == 1 ? "0" + hex : hex
            }.joined()
        }

        var reply: SimulatedReply { SimulatedReply(prompt: prompt, maxTokens: maxTokens) }

        /// The prediction document with `status`; a succeeded one has the output tokens and metrics.
        func prediction(status: String, base: String, id: String) -> JSONValue {
            var object: JSONObject = [
                "id": .string(id), "model": .string(model), "version": "simulated", "input": ["prompt": .string(prompt)], "logs": "",
                "output": nil, "data_removed": false, "error": nil, "status": .string(status),
                "created_at": "2023-11-14T22:13:20.000000Z",
            ]
            var urls: JSONObject = ["cancel": .string("\(base)/predictions/\(id)/cancel"), "get": .string("\(base)/predictions/\(id)")]
            if status == "starting" { urls["stream"] = .string("\(base)/streams/\(id)") }
            object["urls"] = .object(urls)
            if status == "succeeded" {
                let reply = reply
                object["output"] = .array(reply.words.indices.map { .string(reply.piece($0)) })
                object["metrics"] = [
                    "predict_time": 0.5, "input_token_count": .number(JSONNumber(SimulatedReply.tokenCount(prompt))),
                    "output_token_count": .number(JSONNumber(reply.words.count)),
                ]
            }
            return .object(object)
        }
    }
}
