import Foundation
import NIOCore
import SwitchyardCore
import SwitchyardProviders

extension SimulatorBedrock {
    /// The AWS credentials the simulator knows, by access key id: AWS's own SigV4 test-suite pair
    /// (`AKIDEXAMPLE`), which the tests and examples sign with. A request signed with any other key is
    /// refused as AWS refuses an unknown key.
    static let knownCredentials: [String: String] = ["AKIDEXAMPLE": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"]

    /// Checks a request's `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` the
    /// way AWS does: the access key must be known, and the signature recomputed over the method, path,
    /// query, the signed headers and the body's SHA-256 must match. Answers AWS's 403s otherwise.
    static func verifySignature(_ request: SimulatorRequest, authorization: String) throws(APIError) {
        guard let parts = AuthorizationParts(authorization) else {
            throw APIError(
                status: 403, type: "IncompleteSignatureException", message: "Authorization header requires Credential, SignedHeaders and Signature.")
        }
        guard let secret = knownCredentials[parts.accessKeyID] else {
            throw APIError(status: 403, type: "UnrecognizedClientException", message: "The security token included in the request is invalid.")
        }
        guard let dateTime = request.header("x-amz-date"), let timestamp = SigV4Timestamp(dateTime: dateTime), timestamp.date == parts.date else {
            throw APIError(
                status: 403, type: "IncompleteSignatureException", message: "Date must be in ISO-8601 'basic format' and match the credential scope.")
        }
        let body = request.body.map { Array($0.readableBytesView) } ?? []
        let payloadHash = SigV4Signer.payloadHash(body)
        let signed = Set(parts.signedHeaders)
        let headers = request.headers.filter { signed.contains($0.name.lowercased()) }
        let signer = SigV4Signer(
            credentials: .init(accessKeyID: parts.accessKeyID, secretAccessKey: Secret(secret)), region: parts.region, service: parts.service)
        let query = request.path.firstIndex(of: "?").map { String(request.path[request.path.index(after: $0)...]) } ?? ""
        let expected = signer.signature(
            method: request.method, path: String(request.pathWithoutQuery), query: query, headers: headers, payloadHash: payloadHash,
            timestamp: timestamp)
        guard expected.authorization == authorization else {
            throw APIError(
                status: 403, type: "InvalidSignatureException",
                message: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key "
                    + "and signing method. Consult the service documentation for details.")
        }
    }

    /// The fields of a SigV4 `Authorization` header.
    struct AuthorizationParts {
        var accessKeyID: String
        var date: String
        var region: String
        var service: String
        var signedHeaders: [String]

        init?(_ header: String) {
            guard header.hasPrefix("AWS4-HMAC-SHA256 ") else { return nil }
            var fields: [String: String] = [:]
            for part in header.dropFirst("AWS4-HMAC-SHA256 ".count).split(separator: ",") {
                let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
            }
            guard let credential = fields["Credential"], let signed = fields["SignedHeaders"], fields["Signature"] != nil else { return nil }
            let scope = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard scope.count == 5, scope[4] == "aws4_request" else { return nil }
            accessKeyID = scope[0]
            date = scope[1]
            region = scope[2]
            service = scope[3]
            signedHeaders = signed.split(separator: ";").map(String.init)
        }
    }
}
