extension SimulatorGemini {
    /// Where a Gemini request goes: the model, the method after the colon, and whether the path is Vertex-shaped.
    struct Route: Equatable {
        /// The method after `{model}:`.
        enum Method: String, Equatable {
            case generateContent
            case streamGenerateContent
            case embedContent
            case batchEmbedContents
            case predict

            /// Whether the method generates text (and so has a prompt that can overflow a context window).
            var generates: Bool { self == .generateContent || self == .streamGenerateContent }
        }

        var model: String
        var method: Method
        /// Whether the path has Vertex's `/projects/{p}/locations/{l}/publishers/google/` form.
        var vertex: Bool

        /// The route for `path` (without its query), or nil when it is not a Gemini path: a last segment
        /// `{model}:{method}` right after `models/`.
        init?(path: Substring) {
            guard let modelsRange = path.firstRange(of: "/models/") else { return nil }
            let last = path[modelsRange.upperBound...]
            guard !last.contains("/"), let colon = last.lastIndex(of: ":") else { return nil }
            guard let method = Method(rawValue: String(last[last.index(after: colon)...])) else { return nil }
            let model = last[..<colon]
            guard !model.isEmpty else { return nil }
            self.model = String(model)
            self.method = method
            self.vertex = path.contains("/projects/") && path.contains("/publishers/")
        }
    }
}
