/// Where connections go: scheme, host and port. Connections are pooled per origin (and per event loop).
public struct Origin: Hashable, Sendable, CustomStringConvertible {
    /// `http` or `https`.
    public enum Scheme: String, Sendable {
        case http
        case https

        /// 80 or 443.
        public var defaultPort: Int { self == .http ? 80 : 443 }
    }

    /// The scheme.
    public var scheme: Scheme
    /// The host name or address, without brackets for IPv6.
    public var host: String
    /// The port.
    public var port: Int

    /// An origin.
    public init(scheme: Scheme, host: String, port: Int) {
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    /// The `Host` header's value: the host, bracketed when IPv6, and the port unless it is the scheme's default.
    public var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == scheme.defaultPort ? name : "\(name):\(port)"
    }

    /// Whether the host is an IP address literal (no SNI is sent for those).
    public var hostIsAddress: Bool {
        host.contains(":") || host.utf8.allSatisfy { $0 == UInt8(ascii: ".") || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) }
    }

    public var description: String { "\(scheme.rawValue)://\(hostHeader)" }
}

/// An absolute `http(s)` URL split into its origin and the request target (path and query).
public struct RequestURL: Sendable, Equatable {
    /// Where to connect.
    public var origin: Origin
    /// The request line's target: the path (at least `/`) and the query, without the fragment.
    public var target: String

    /// Parses `url`; nil unless it is an absolute `http://` or `https://` URL with a host and, if any, a valid port.
    /// User information (`user:password@`) is refused rather than silently sent nowhere.
    public init?(_ url: String) {
        let utf8 = url.utf8
        let scheme: Origin.Scheme
        var rest: Substring.UTF8View
        if Self.hasPrefix(utf8, "https://") {
            scheme = .https
            rest = url.utf8.dropFirst(8)
        } else if Self.hasPrefix(utf8, "http://") {
            scheme = .http
            rest = url.utf8.dropFirst(7)
        } else {
            return nil
        }
        let authorityEnd =
            rest.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? rest.endIndex
        let authority = rest[rest.startIndex..<authorityEnd]
        rest = rest[authorityEnd...]
        guard !authority.isEmpty, !authority.contains(UInt8(ascii: "@")) else { return nil }

        var host: Substring
        var portText: Substring?
        let authorityText = Substring(authority)
        if authorityText.hasPrefix("[") {
            guard let close = authorityText.firstIndex(of: "]") else { return nil }
            host = authorityText[authorityText.index(after: authorityText.startIndex)..<close]
            let after = authorityText[authorityText.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return nil }
                portText = after.dropFirst()
            }
        } else if let colon = authorityText.lastIndex(of: ":") {
            host = authorityText[..<colon]
            portText = authorityText[authorityText.index(after: colon)...]
        } else {
            host = authorityText
        }
        guard !host.isEmpty else { return nil }
        var port = scheme.defaultPort
        if let portText, !portText.isEmpty {
            guard portText.utf8.count <= 5, let value = Int(portText), (1...65535).contains(value) else { return nil }
            port = value
        }
        var target = Substring(rest)
        if let hash = target.firstIndex(of: "#") { target = target[..<hash] }
        self.origin = Origin(scheme: scheme, host: String(host).lowercased(), port: port)
        if target.isEmpty {
            self.target = "/"
        } else if target.hasPrefix("?") {
            self.target = "/" + target
        } else {
            self.target = String(target)
        }
    }

    private static func hasPrefix(_ utf8: String.UTF8View, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard utf8.count >= count else { return false }
        return prefix.withUTF8Buffer { expected in
            var index = utf8.startIndex
            for byte in expected {
                let actual = utf8[index]
                // ASCII case-insensitive: schemes are case-insensitive (RFC 3986 §3.1).
                let lowered = (actual >= UInt8(ascii: "A") && actual <= UInt8(ascii: "Z")) ? actual + 32 : actual
                guard lowered == byte else { return false }
                index = utf8.index(after: index)
            }
            return true
        }
    }
}
