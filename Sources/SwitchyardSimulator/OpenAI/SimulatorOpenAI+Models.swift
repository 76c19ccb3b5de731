import SwitchyardCore

extension SimulatorOpenAI {
    /// `GET /v1/models`: the models of ``SimulatorEngine/Configuration/models``.
    static func models(_ exchange: Exchange) -> Answer {
        .json(["object": "list", "data": .array(exchange.configuration.models.map { model($0, exchange) })])
    }

    /// `GET /v1/models/{id}`: any id exists, since the simulator serves every model name.
    static func model(_ id: String, _ exchange: Exchange) -> JSONValue {
        ["id": .string(id), "object": "model", "created": .number(JSONNumber(exchange.created)), "owned_by": "switchyard-simulator"]
    }
}
