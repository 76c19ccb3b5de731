import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1
import SwitchyardCore
import SwitchyardHTTP

/// Sends upstream requests over HTTP with the gateway's own client (``UpstreamHTTPClient``): keep-alive
/// connections pooled per event loop and per origin, `TCP_NODELAY` on every connection so small SSE events
/// leave as soon as they are written, head and body in one write.
///
/// Timeouts follow LiteLLM's (httpx) meaning: `timeout` bounds the wait for the response head and every
/// silence while reading the body, which for a stream is the gap between chunks.
public final class HTTPUpstreamTransport: UpstreamTransport {
    /// Tuning of the client.
    public struct Configuration: Sendable {
        /// Seconds to establish a TCP connection.
        public var connectTimeout: Double = 10
        /// Connections to one origin from one event loop; requests beyond it wait for a free one.
        public var connectionsPerHost: Int = 512
        /// Seconds an idle pooled connection is kept.
        public var idleTimeout: Double = 60
        /// Whether upstream TLS certificates are verified (`ssl_verify: false` turns it off).
        public var verifyCertificates = true
        /// A PEM bundle of trusted CA certificates used instead of the system's (`ssl_verify: <path>`, `SSL_CERT_FILE`).
        public var caFile: String?

        /// The defaults.
        public init() {}
    }

    let client: UpstreamHTTPClient

    /// A transport whose connections run on NIO's shared event loops; call ``shutdown()`` when done.
    /// Throws when the CA file cannot be read.
    public init(configuration: Configuration = Configuration()) throws {
        var clientConfiguration = UpstreamHTTPClient.Configuration()
        clientConfiguration.connectTimeout = .milliseconds(Self.milliseconds(configuration.connectTimeout))
        clientConfiguration.maxConnectionsPerOrigin = configuration.connectionsPerHost
        clientConfiguration.idleTimeout = .milliseconds(Self.milliseconds(configuration.idleTimeout))
        clientConfiguration.verifyCertificates = configuration.verifyCertificates
        clientConfiguration.caFile = configuration.caFile
        self.client = try UpstreamHTTPClient(configuration: clientConfiguration)
    }

    /// Closes pooled connections.
    public func shutdown() async throws {
        await client.shutdown()
    }

    public func execute(_ request: UpstreamRequest) async throws -> UpstreamResponse {
        var headers = HTTPHeaders()
        headers.reserveCapacity(request.headers.count + 2)
        for header in request.headers {
            headers.add(name: header.name, value: header.value)
        }
        let milliseconds = Self.milliseconds(request.timeout)
        let response: UpstreamHTTPResponse
        do {
            response = try await client.execute(
                method: HTTPMethod(rawValue: request.method),
                url: request.url,
                headers: headers,
                body: request.body,
                timeout: .milliseconds(milliseconds)
            )
        } catch {
            throw HTTPUpstreamTransport.gatewayError(for: error, timeout: request.timeout)
        }
        var responseHeaders: [(name: String, value: String)] = []
        responseHeaders.reserveCapacity(response.head.headers.count)
        for header in response.head.headers {
            responseHeaders.append((header.name, header.value))
        }
        return UpstreamResponse(status: Int(response.head.status.code), headers: responseHeaders, body: UpstreamBody(response.body))
    }

    /// Whole milliseconds of `seconds`, at least 1 and at most about 31 years; a timeout can come from a
    /// request body (`timeout: 1e300`), and `Int64(Double)` traps out of range.
    static func milliseconds(_ seconds: Double) -> Int64 {
        guard seconds.isFinite else { return seconds > 0 ? 1_000_000_000_000 : 1 }
        return Int64(min(max((seconds * 1000).rounded(), 1), 1_000_000_000_000))
    }

    /// Maps a client failure to the gateway's kinds: a deadline is a timeout (408), anything else means
    /// the upstream could not be reached (502). Never a credential in the message: only the error's name.
    static func gatewayError(for error: any Error, timeout: Double) -> GatewayError {
        if let gatewayError = error as? GatewayError { return gatewayError }
        if let httpError = error as? UpstreamHTTPError {
            switch httpError.kind {
            case .readTimeout:
                return GatewayError(.timeout, "Upstream did not answer within \(formatSeconds(timeout)) s.", code: "upstream_timeout")
            case .connectTimeout:
                return GatewayError(.upstreamUnavailable, "Upstream connection timed out.", code: "upstream_unreachable")
            default:
                return GatewayError(.upstreamUnavailable, "Upstream could not be reached: \(httpError).", code: "upstream_unreachable")
            }
        }
        if let clientError = error as? HTTPClientError {
            if clientError == .deadlineExceeded || clientError == .readTimeout {
                return GatewayError(.timeout, "Upstream did not answer within \(formatSeconds(timeout)) s.", code: "upstream_timeout")
            }
            if clientError == .connectTimeout {
                return GatewayError(.upstreamUnavailable, "Upstream connection timed out.", code: "upstream_unreachable")
            }
        }
        if error is CancellationError {
            return GatewayError(.timeout, "Request was cancelled.", code: "cancelled")
        }
        return GatewayError(.upstreamUnavailable, "Upstream could not be reached: \(error).", code: "upstream_unreachable")
    }

    static func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
