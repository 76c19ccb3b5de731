import NIOCore
import SwitchyardCore

extension SimulatorGemini {
    /// The path of Google's OAuth token endpoint (`https://oauth2.googleapis.com/token`), which the simulator also
    /// serves, so a Vertex AI deployment whose key's `token_uri` points at the simulator runs its real token exchange.
    static let tokenPath = "/token"
    /// The start of every access token the simulator issues; Vertex paths accept no other.
    static let issuedTokenPrefix = "ya29.simulated-"

    /// `POST /token` with `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<JWT>`: an access token
    /// valid for an hour. The assertion must look like a JWT (three dot-separated parts); its signature is not
    /// checked. Anything else gets Google's `400 {"error":"invalid_grant"}`.
    static func token(_ request: SimulatorRequest) -> SimulatorDecision {
        let form = request.body.map { String(buffer: $0) } ?? ""
        var fields: [String: String] = [:]
        for pair in form.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        let headers = [(name: "content-type", value: "application/json; charset=utf-8")]
        let assertion = fields["assertion"] ?? ""
        guard request.method.uppercased() == "POST", fields["grant_type"] == "urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer",
            assertion.split(separator: ".", omittingEmptySubsequences: false).count == 3
        else {
            let error: JSONValue = ["error": "invalid_grant", "error_description": "Invalid JWT assertion."]
            return SimulatorDecision(head: .after(.zero), status: 400, headers: headers, body: .complete(ByteBuffer(json: error)))
        }
        let token: JSONValue = [
            "access_token": .string(issuedTokenPrefix + StableHash.of(assertion.utf8).hex), "expires_in": 3599, "token_type": "Bearer",
        ]
        return SimulatorDecision(head: .after(.zero), status: 200, headers: headers, body: .complete(ByteBuffer(json: token)))
    }
}
