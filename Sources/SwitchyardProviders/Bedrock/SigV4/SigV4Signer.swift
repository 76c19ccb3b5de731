import Crypto
import SwitchyardCore

/// Signs HTTP requests with AWS Signature Version 4 (header form), as AWS services such as Bedrock require.
///
/// Pure: the caller passes the time, so tests can reproduce AWS's published test vectors. The steps are
/// AWS's: a canonical request, a string to sign over its hash, a key derived from the secret through
/// date, region, service and `aws4_request`, and the `Authorization` header naming the signed headers.
public struct SigV4Signer: Sendable {
    /// The AWS credentials a request is signed with.
    public struct Credentials: Sendable {
        /// `aws_access_key_id`.
        public var accessKeyID: String
        /// `aws_secret_access_key`.
        public var secretAccessKey: Secret
        /// `aws_session_token` of temporary credentials; sent as `x-amz-security-token`.
        public var sessionToken: Secret?

        /// Credentials; `sessionToken` only for temporary (STS) credentials.
        public init(accessKeyID: String, secretAccessKey: Secret, sessionToken: Secret? = nil) {
            self.accessKeyID = accessKeyID
            self.secretAccessKey = secretAccessKey
            self.sessionToken = sessionToken
        }
    }

    /// The credentials.
    public var credentials: Credentials
    /// The region of the scope (`us-east-1`).
    public var region: String
    /// The service of the scope (`bedrock`).
    public var service: String
    /// Whether an `x-amz-content-sha256` header carrying the payload hash is added (and signed).
    ///
    /// AWS's test suite predates it, so tests turn it off; services accept it everywhere.
    public var addsContentHashHeader: Bool

    /// A signer for `service` in `region`.
    public init(credentials: Credentials, region: String, service: String, addsContentHashHeader: Bool = true) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.addsContentHashHeader = addsContentHashHeader
    }

    /// Headers that proxies and clients rewrite, so signing them would break the signature.
    static let unsignedHeaders: Set<String> = [
        "authorization", "user-agent", "expect", "x-amzn-trace-id", "connection", "content-length", "transfer-encoding",
    ]

    /// The parts of one signature, kept apart so tests can check each step against AWS's files.
    public struct Signature: Sendable, Equatable {
        /// The canonical request (AWS's `.creq`).
        public var canonicalRequest: String
        /// The string to sign (AWS's `.sts`).
        public var stringToSign: String
        /// `host;x-amz-date;…`.
        public var signedHeaders: String
        /// The `Authorization` header value (AWS's `.authz`).
        public var authorization: String
    }

    /// Signs `request` as of `unixSeconds`: sets `host`, `x-amz-date`, `x-amz-content-sha256` (when
    /// ``addsContentHashHeader``), `x-amz-security-token` (with a session token) and `authorization`.
    public func sign(_ request: inout UpstreamRequest, unixSeconds: Int64) throws(GatewayError) {
        guard let url = SigV4URL(request.url) else {
            throw GatewayError(.internalError, "Cannot sign a request whose URL is not absolute.", code: "invalid_upstream_url")
        }
        let body = request.body.map { Array($0.readableBytesView) } ?? []
        let payloadHash = SigV4Signer.hex(SHA256.hash(data: body))
        let timestamp = SigV4Timestamp(unixSeconds: unixSeconds)
        var headers = request.headers.filter { header in
            let name = header.name.lowercased()
            return name != "authorization" && name != "x-amz-date" && name != "x-amz-security-token" && name != "x-amz-content-sha256"
        }
        if !headers.contains(where: { $0.name.lowercased() == "host" }) { headers.append(("host", url.hostHeader)) }
        headers.append(("x-amz-date", timestamp.dateTime))
        if addsContentHashHeader { headers.append(("x-amz-content-sha256", payloadHash)) }
        if let token = credentials.sessionToken { headers.append(("x-amz-security-token", token.reveal())) }
        let signature = signature(
            method: request.method, path: url.path, query: url.query, headers: headers, payloadHash: payloadHash, timestamp: timestamp)
        headers.append(("authorization", signature.authorization))
        request.headers = headers
    }

    /// The signature of a request given as its parts: `path` and `query` as sent on the wire.
    public func signature(
        method: String,
        path: String,
        query: String,
        headers: [(name: String, value: String)],
        payloadHash: String,
        timestamp: SigV4Timestamp
    ) -> Signature {
        let canonicalHeaders = SigV4Signer.canonicalHeaders(headers)
        let signedHeaders = canonicalHeaders.map(\.name).joined(separator: ";")
        let canonicalRequest = [
            method.uppercased(),
            SigV4Signer.canonicalURI(path),
            SigV4Signer.canonicalQuery(query),
            canonicalHeaders.map { "\($0.name):\($0.value)\n" }.joined(),
            signedHeaders,
            payloadHash,
        ].joined(separator: "\n")
        let scope = "\(timestamp.date)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256", timestamp.dateTime, scope, SigV4Signer.hex(SHA256.hash(data: Array(canonicalRequest.utf8))),
        ].joined(separator: "\n")
        let key = signingKey(date: timestamp.date)
        let signature = SigV4Signer.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
        let authorization =
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"
        return Signature(
            canonicalRequest: canonicalRequest, stringToSign: stringToSign, signedHeaders: signedHeaders, authorization: authorization)
    }

    /// `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")`.
    func signingKey(date: String) -> SymmetricKey {
        var key = SymmetricKey(data: Array(("AWS4" + credentials.secretAccessKey.reveal()).utf8))
        for part in [date, region, service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return key
    }

    /// The lowercase hex SHA-256 of a body: the payload hash a signature covers.
    public static func payloadHash(_ body: [UInt8]) -> String { hex(SHA256.hash(data: body)) }

    /// Lowercase hex of a digest.
    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        for byte in digest {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
