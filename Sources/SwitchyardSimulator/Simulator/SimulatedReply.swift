/// The deterministic text the simulator answers with: the same prompt always gets the same words.
///
/// Tokens are words: a token is a run of non-whitespace characters. The reply is
/// `Simulated reply to: <first 40 characters of the prompt>`; with a token limit it is cut to that
/// many words (finish reason `length`) or padded to exactly that many with filler words (finish
/// reason `stop`), so a large limit makes a long stream for load tests.
struct SimulatedReply: Sendable, Equatable {
    /// How many characters of the prompt the reply quotes.
    static let quotedCharacters = 40
    /// Words appended, in turn, to reach a token limit.
    static let filler = ["lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit"]

    /// The tokens, in order.
    var words: [String]
    /// `stop`, or `length` when the limit cut the reply short.
    var finishReason: String

    /// The reply to `prompt`, fitted to `maxTokens` words when given.
    init(prompt: String, maxTokens: Int?) {
        var words = Self.words(in: "Simulated reply to: " + prompt.prefix(Self.quotedCharacters))
        var finishReason = "stop"
        if let maxTokens {
            if words.count > maxTokens {
                words.removeLast(words.count - maxTokens)
                finishReason = "length"
            } else {
                for index in 0..<(maxTokens - words.count) {
                    words.append(Self.filler[index % Self.filler.count])
                }
            }
        }
        self.words = words
        self.finishReason = finishReason
    }

    /// The whole reply: the words joined by single spaces.
    var text: String { words.joined(separator: " ") }

    /// The text of streamed token `index`: its word, with a leading space after the first, so the
    /// pieces concatenate to ``text``.
    func piece(_ index: Int) -> String {
        index == 0 ? words[index] : " " + words[index]
    }

    /// The number of tokens in `text`: its whitespace-separated words.
    static func tokenCount(_ text: String) -> Int {
        text.split(whereSeparator: \.isWhitespace).count
    }

    private static func words(in text: String) -> [String] {
        text.split(whereSeparator: \.isWhitespace).map(String.init)
    }
}
