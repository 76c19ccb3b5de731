import NIOCore
import SwitchyardCore

extension ReplicateAdapter {
    /// Creates the prediction, then, for a stream, opens its `urls.stream`; otherwise (or when the model does not
    /// stream) polls `urls.get` every ``pollInterval`` until it succeeds, fails or is canceled. The deadline is the
    /// request's timeout from the moment the prediction is created; past it the prediction is canceled (best
    /// effort) and the answer is a timeout. `Prefer: wait` is not used: its hold is capped at 60 s by Replicate.
    public func execute(_ request: UpstreamRequest, deployment: Deployment, transport: any UpstreamTransport) async throws(GatewayError)
        -> UpstreamResponse
    {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(HTTPUpstreamTransport.milliseconds(request.timeout)))
        let created = try await send(request, transport)
        guard (200..<300).contains(created.status) else { return created }
        var prediction = try await Self.predictionObject(created.body)
        let urls = (prediction["urls"]?.objectValue ?? [:]).reduce(into: [String: String]()) { urls, member in
            if let url = member.value.stringValue { urls[member.key] = Self.resolve(url, against: request.url) }
        }
        let auth = request.headers.filter { $0.name.lowercased() == "authorization" }

        if request.streaming, let stream = urls["stream"] {
            let headers = auth + [("accept", "text/event-stream"), ("cache-control", "no-store")]
            return try await send(UpstreamRequest(method: "GET", url: stream, headers: headers, timeout: request.timeout, streaming: true), transport)
        }
        guard let get = urls["get"] else {
            throw GatewayError(.upstreamUnavailable, "Replicate answered a prediction without urls.get.", code: "invalid_upstream_response")
        }
        while !Self.isTerminal(prediction["status"]?.stringValue) {
            guard clock.now.advanced(by: pollInterval) < deadline else {
                if let cancel = urls["cancel"] {
                    _ = try? await send(UpstreamRequest(method: "POST", url: cancel, headers: auth, timeout: 5), transport)
                }
                let seconds = HTTPUpstreamTransport.formatSeconds(request.timeout)
                throw GatewayError(.timeout, "Replicate prediction did not finish within \(seconds) s.", code: "upstream_timeout")
            }
            do {
                try await Task.sleep(for: pollInterval)
            } catch {
                throw GatewayError(.timeout, "Request was cancelled.", code: "cancelled")
            }
            let polled = try await send(UpstreamRequest(method: "GET", url: get, headers: auth, timeout: request.timeout), transport)
            guard (200..<300).contains(polled.status) else { return polled }
            prediction = try await Self.predictionObject(polled.body)
        }
        var body = ByteBuffer()
        if request.streaming {
            // The model cannot stream: the finished prediction is replayed as Replicate's own stream events.
            body = Self.replayedStream(prediction)
        } else {
            JSONValue.object(prediction).write(to: &body)
        }
        return UpstreamResponse(
            status: 200, headers: [("content-type", request.streaming ? "text/event-stream" : "application/json")],
            body: UpstreamBody(buffer: body))
    }

    /// `url` made absolute: Replicate sends absolute URLs, but a proxy (or the simulator) may send a path, which
    /// is resolved against the scheme and host of `base`.
    static func resolve(_ url: String, against base: String) -> String {
        guard url.hasPrefix("/"), let scheme = base.firstRange(of: "://") else { return url }
        let authorityEnd = base[scheme.upperBound...].firstIndex(of: "/") ?? base.endIndex
        return String(base[..<authorityEnd]) + url
    }

    /// Whether a prediction `status` is final.
    static func isTerminal(_ status: String?) -> Bool {
        status == "succeeded" || status == "failed" || status == "canceled"
    }

    /// A finished prediction as `output` / `error` and `done` events, for a client that asked for a stream.
    static func replayedStream(_ prediction: JSONObject) -> ByteBuffer {
        var buffer = ByteBuffer()
        if prediction["status"]?.stringValue == "succeeded" {
            for line in outputText(prediction["output"]).split(separator: "\n", omittingEmptySubsequences: false) {
                buffer.writeString("event: output\ndata: \(line)\n")
            }
            buffer.writeString("\n")
            buffer.writeString("event: done\ndata: {}\n\n")
        } else {
            let detail = prediction["error"]?.stringValue ?? "prediction \(prediction["status"]?.stringValue ?? "failed")"
            buffer.writeString("event: error\ndata: ")
            JSONValue.object(["detail": .string(detail)]).write(to: &buffer)
            buffer.writeString("\n\n")
        }
        return buffer
    }

    func send(_ request: UpstreamRequest, _ transport: any UpstreamTransport) async throws(GatewayError) -> UpstreamResponse {
        do {
            return try await transport.execute(request)
        } catch let error as GatewayError {
            throw error
        } catch {
            throw HTTPUpstreamTransport.gatewayError(for: error, timeout: request.timeout)
        }
    }

    static func predictionObject(_ body: UpstreamBody) async throws(GatewayError) -> JSONObject {
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: maximumPredictionBytes)
        } catch let error as GatewayError {
            throw error
        } catch {
            throw UpstreamBody.gatewayError(forBodyError: error)
        }
        return try JSONObject(upstreamBody: buffer)
    }
}
