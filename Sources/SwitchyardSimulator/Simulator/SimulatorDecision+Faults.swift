import NIOCore

extension SimulatorDecision {
    /// This successful answer broken as `faults` say; error answers are never broken.
    ///
    /// - `malformed`: a complete body keeps only its first half (invalid JSON); a stream's second
    ///   event (the first, if it has one) keeps only its first half and then its blank line, so it is
    ///   a well-framed event whose data is invalid JSON.
    /// - `cutAfter` k: a stream sends at most k events — never its last one (`[DONE]`) — then fails;
    ///   a complete body sends its first half, then fails.
    func breaking(_ faults: FaultOutcome) -> SimulatorDecision {
        guard (200..<300).contains(status), faults.malformed || faults.cutAfter != nil else { return self }
        var broken = self
        switch body {
        case .complete(let buffer):
            if let cutAfter = faults.cutAfter {
                let chunks = cutAfter > 0 ? [Chunk(bytes: buffer.firstHalf)] : []
                broken.body = .chunks(chunks, cut: true)
            } else {
                broken.body = .complete(buffer.firstHalf)
            }
        case .chunks(var chunks, let cut):
            if faults.malformed, !chunks.isEmpty {
                let index = chunks.count > 1 ? 1 : 0
                var event = chunks[index].bytes.firstHalf
                event.writeString("\n\n")
                chunks[index].bytes = event
            }
            if let cutAfter = faults.cutAfter {
                broken.body = .chunks(Array(chunks.prefix(min(cutAfter, max(chunks.count - 1, 0)))), cut: true)
            } else {
                broken.body = .chunks(chunks, cut: cut)
            }
        }
        return broken
    }
}
