// Added to a copy of ../shared/bench/ceiling by scripts/bench-floor: the bare NIO proxy, made to do what
// any async Swift gateway must do per request. VARIANT=task: one task per request, the upstream exchange
// awaited through a continuation, the answer written back from the task (NIO's loops are the global
// executor, as in `switchyard serve`). VARIANT=json: the same, plus the request body parsed and written
// again for the upstream and the response body parsed, with Switchyard's own JSON code.
import NIOCore
import NIOHTTP1
import NIOPosix
import Foundation

enum Variant: String {
    case task, json
    static let current = ProcessInfo.processInfo.environment["VARIANT"].flatMap(Variant.init(rawValue:))
}

/// Collects one upstream response and hands it to a continuation.
final class CollectingSink: UpstreamResponseSink, @unchecked Sendable {
    var head: HTTPResponseHead?
    var body = ByteBuffer()
    let done: CheckedContinuation<(HTTPResponseHead?, ByteBuffer), Never>
    init(_ done: CheckedContinuation<(HTTPResponseHead?, ByteBuffer), Never>) { self.done = done }
    func upstreamHead(_ head: HTTPResponseHead) { self.head = head }
    func upstreamBody(_ buffer: ByteBuffer) { var b = buffer; body.writeBuffer(&b) }
    func upstreamEnd() { done.resume(returning: (head, body)) }
    func upstreamReadComplete() {}
    func upstreamFailed(_ error: any Error) { done.resume(returning: (nil, ByteBuffer())) }
}

extension ProxyHandler {
    /// The async gateway's shape: one task per request, the upstream exchange awaited, then written back;
    /// with `json`, the request parsed and re-written for the upstream and the response parsed for usage.
    func runAsync(variant: Variant, head: HTTPRequestHead, body: ByteBuffer?, loop: any EventLoop) {
        let pool = self.pool
        Task {
            var upstreamHead = head
            var upstreamBody = body
            if variant == .json, let body {
                guard let value = try? JSONValue(parsing: body), case .object = value else { return }
                var out = ByteBuffer()
                value.write(to: &out)
                upstreamHead.headers.replaceOrAdd(name: "content-length", value: String(out.readableBytes))
                upstreamBody = out
            }
            let (responseHead, responseBody) = await withCheckedContinuation { continuation in
                loop.execute { pool.execute(head: upstreamHead, body: upstreamBody, sink: CollectingSink(continuation)) }
            }
            if variant == .json, let value = try? JSONValue(parsing: responseBody) {
                _ = value
            }
            loop.execute {
                guard let responseHead else {
                    self.upstreamFailed(ChannelError.ioOnClosedChannel)
                    return
                }
                var headers = HTTPHeaders()
                headers.add(name: "content-type", value: "application/json")
                headers.add(name: "content-length", value: String(responseBody.readableBytes))
                _ = headers
                self.upstreamHead(HTTPResponseHead(version: .http1_1, status: responseHead.status, headers: headers))
                self.upstreamBody(responseBody)
                self.upstreamEnd()
            }
        }
    }
}

