import AsyncHTTPClient
import NIOCore
import SwitchyardCore
import SwitchyardHTTP

/// The body of an ``UpstreamResponse``: an async sequence of byte chunks, from the gateway's own HTTP
/// client (``HTTPUpstreamTransport``), from AsyncHTTPClient (auxiliary calls such as token exchanges), or
/// from an in-process producer such as the simulator.
public struct UpstreamBody: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer

    enum Storage: Sendable {
        case http(UpstreamResponseBody)
        case client(HTTPClientResponse.Body)
        case stream(AsyncThrowingStream<ByteBuffer, any Error>)
        case buffer(ByteBuffer?)
    }

    let storage: Storage

    /// A body that the upstream client is receiving.
    public init(_ body: UpstreamResponseBody) {
        self.storage = .http(body)
    }

    /// A body that AsyncHTTPClient is receiving.
    public init(_ body: HTTPClientResponse.Body) {
        self.storage = .client(body)
    }

    /// A body produced in-process, chunk by chunk.
    public init(stream: AsyncThrowingStream<ByteBuffer, any Error>) {
        self.storage = .stream(stream)
    }

    /// A body that is already complete.
    public init(buffer: ByteBuffer) {
        self.storage = .buffer(buffer)
    }

    public func makeAsyncIterator() -> Iterator {
        switch storage {
        case .http(let body): Iterator(.http(body))
        case .client(let body): Iterator(.client(body.makeAsyncIterator()))
        case .stream(let stream): Iterator(.stream(stream.makeAsyncIterator()))
        case .buffer(let buffer): Iterator(.buffer(buffer))
        }
    }

    /// Iterates the chunks.
    public struct Iterator: AsyncIteratorProtocol {
        enum Storage {
            case http(UpstreamResponseBody)
            case client(HTTPClientResponse.Body.AsyncIterator)
            case stream(AsyncThrowingStream<ByteBuffer, any Error>.AsyncIterator)
            case buffer(ByteBuffer?)
        }

        var storage: Storage

        init(_ storage: Storage) {
            self.storage = storage
        }

        public mutating func next() async throws -> ByteBuffer? {
            switch storage {
            case .http(let body):
                do {
                    return try await body.next()
                } catch is CancellationError {
                    throw CancellationError()
                } catch {
                    throw UpstreamBody.gatewayError(forBodyError: error)
                }
            case .client(var iterator):
                do {
                    let chunk = try await iterator.next()
                    storage = .client(iterator)
                    return chunk
                } catch {
                    throw UpstreamBody.gatewayError(forBodyError: error)
                }
            case .stream(var iterator):
                let chunk = try await iterator.next()
                storage = .stream(iterator)
                return chunk
            case .buffer(let buffer):
                storage = .buffer(nil)
                return buffer
            }
        }
    }

    /// A failure while reading the body: the read timeout is a timeout, anything else a broken upstream.
    static func gatewayError(forBodyError error: any Error) -> GatewayError {
        if let gatewayError = error as? GatewayError { return gatewayError }
        if let httpError = error as? UpstreamHTTPError, httpError.kind == .readTimeout {
            return GatewayError(.timeout, "Upstream went silent for longer than the timeout.", code: "upstream_timeout")
        }
        if let clientError = error as? HTTPClientError, clientError == .readTimeout || clientError == .deadlineExceeded {
            return GatewayError(.timeout, "Upstream went silent for longer than the timeout.", code: "upstream_timeout")
        }
        return GatewayError(.upstreamUnavailable, "Upstream connection broke while sending the answer (\(error)).", code: "upstream_broken")
    }

    /// Reads the whole body, failing with `.upstreamUnavailable` past `limit` bytes.
    public func collect(upTo limit: Int) async throws -> ByteBuffer {
        var collected = ByteBuffer()
        for try await var chunk in self {
            guard collected.readableBytes + chunk.readableBytes <= limit else {
                throw GatewayError(.upstreamUnavailable, "Upstream response body is larger than \(limit) bytes.")
            }
            collected.writeBuffer(&chunk)
        }
        return collected
    }
}
