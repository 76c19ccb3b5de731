import Hummingbird
import NIOCore
import SwitchyardCore
import SwitchyardEngine

/// Reading a client's request body within `general_settings.max_request_size_mb`, for every route
/// that takes one (OpenAI, client dialects, management).
enum RequestBody {
    /// The whole body; 413 when it is over the limit (by `content-length` up front, or while reading a
    /// chunked body), 400 when it cannot be read.
    static func collect(_ request: Request, context: GatewayContext) async throws(GatewayError) -> ByteBuffer {
        let limit = context.maxRequestBytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw GatewayError.requestTooLarge(limitBytes: limit)
        }
        if let received = context.receivedBody {
            guard received.readableBytes <= limit else { throw GatewayError.requestTooLarge(limitBytes: limit) }
            return received
        }
        do {
            return try await request.body.collect(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw GatewayError.requestTooLarge(limitBytes: limit)
        } catch is NIOTooManyBytesError {
            // A chunked body has no content-length to check up front; the collector stops at the limit.
            throw GatewayError.requestTooLarge(limitBytes: limit)
        } catch {
            throw GatewayError(.badRequest, "The request body could not be read.", code: "invalid_body")
        }
    }

    /// The body of `request` as a JSON object, within the same size limit; malformed JSON and a body that
    /// is not an object are 400s.
    static func object(_ request: Request, context: GatewayContext) async throws(GatewayError) -> JSONObject {
        try object(from: try await collect(request, context: context))
    }

    /// A read body as a JSON object: malformed JSON and a body that is not an object are 400s.
    static func object(from buffer: ByteBuffer) throws(GatewayError) -> JSONObject {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: buffer)
        } catch {
            throw GatewayError.malformedJSON(error.description)
        }
        guard let object = value.objectValue else {
            throw GatewayError(.badRequest, "The request body must be a JSON object.", code: "invalid_request_body")
        }
        return object
    }
}
