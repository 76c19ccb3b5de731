import Foundation

/// Expands a config's top-level `include:` list the way LiteLLM does.
///
/// Each included file's top-level keys are merged into the main document: a list (`model_list`) is appended to
/// the list already there, any other key replaces the earlier value (with a notice, since that is easy to do by
/// mistake). Paths are relative to the main config's directory, also for an `include:` inside an included file,
/// because that is where LiteLLM looks. Files are processed breadth first, in the order LiteLLM processes them.
/// Unlike LiteLLM, a file included twice or an include cycle is an error rather than duplicated models or a hang.
struct IncludeResolver {
    /// Directory that relative include paths start from.
    let baseDirectory: URL
    /// Name of the main config file, for messages.
    let mainFile: String
    private(set) var issues: [ConfigIssue] = []
    private(set) var notices: [ConfigIssue] = []

    init(baseDirectory: URL, mainFile: String) {
        self.baseDirectory = baseDirectory
        self.mainFile = mainFile
    }

    /// One `include:` entry waiting to be loaded.
    private struct Pending {
        let entry: ConfigNode
        let index: Int
        /// Names of the files from the main config down to the one holding this entry, for cycle messages.
        let chainNames: [String]
        let chainPaths: [String]
    }

    /// The main document's members with every include merged in and the `include` key removed.
    mutating func resolve(_ members: [ConfigMember]) -> [ConfigMember] {
        let mainPath = ConfigFile.canonicalPath(baseDirectory.appendingPathComponent(mainFile))
        var merged = members.filter { $0.key != "include" }
        var loaded: [String: String] = [mainPath: mainFile]
        var queue: [Pending] = []
        if let include = members.first(where: { $0.key == "include" }) {
            queue += pending(from: include.value, chainNames: [mainFile], chainPaths: [mainPath])
        }
        var next = 0
        while next < queue.count {
            let item = queue[next]
            next += 1
            guard let file = load(item, loaded: &loaded) else { continue }
            for member in file.members {
                if member.key == "include" {
                    queue += pending(from: member.value, chainNames: item.chainNames + [file.name], chainPaths: item.chainPaths + [file.path])
                } else {
                    merge(member, from: file.name, into: &merged)
                }
            }
        }
        return merged
    }

    /// The entries of an `include:` value: a list of paths, or (as LiteLLM's documentation allows) a single path.
    private mutating func pending(from node: ConfigNode, chainNames: [String], chainPaths: [String]) -> [Pending] {
        switch node.value {
        case .list(let elements):
            return elements.enumerated().map { Pending(entry: $1, index: $0, chainNames: chainNames, chainPaths: chainPaths) }
        case .string:
            return [Pending(entry: node, index: 0, chainNames: chainNames, chainPaths: chainPaths)]
        case .null:
            return []
        default:
            fail(ConfigPath("include"), "expected a list of file paths", node)
            return []
        }
    }

    /// An included file's top-level members, with its name as written and its canonical path.
    private struct IncludedFile {
        let name: String
        let path: String
        let members: [ConfigMember]
    }

    /// Reads and parses one included file; `nil` when it cannot be used (the reason is recorded).
    private mutating func load(_ item: Pending, loaded: inout [String: String]) -> IncludedFile? {
        let path = ConfigPath("include").index(item.index)
        guard case .string(let name) = item.entry.value, !name.isEmpty else {
            fail(path, "expected a file path", item.entry)
            return nil
        }
        let url = name.hasPrefix("/") ? URL(fileURLWithPath: name) : baseDirectory.appendingPathComponent(name)
        let canonical = ConfigFile.canonicalPath(url)
        if let position = item.chainPaths.firstIndex(of: canonical) {
            let cycle = (item.chainNames[position...] + [name]).joined(separator: " → ")
            fail(path, "include cycle: \(cycle)", item.entry)
            return nil
        }
        if let earlier = loaded[canonical] {
            fail(path, "\(name) is already included (as \(earlier)); including it again would duplicate its models", item.entry)
            return nil
        }
        let text: String
        do {
            text = try ConfigFile.read(url)
        } catch {
            fail(path, "cannot include \(url.path): \(error.message)", item.entry)
            return nil
        }
        loaded[canonical] = name
        switch ConfigDocument.parse(text, file: name, issues: &issues) {
        case .failed:
            return nil
        case .empty:
            notices.append(ConfigIssue(path: path.description, message: "\(name) is empty", location: item.entry.location))
            return nil
        case .node(let root):
            guard let members = root.members else {
                fail(path, "\(name) must hold a mapping of settings at the top level", item.entry)
                return nil
            }
            return IncludedFile(name: name, path: canonical, members: members)
        }
    }

    /// Merges one top-level member of an included file: lists are appended, anything else replaces.
    private mutating func merge(_ member: ConfigMember, from file: String, into merged: inout [ConfigMember]) {
        guard let index = merged.firstIndex(where: { $0.key == member.key }) else {
            merged.append(member)
            return
        }
        if case .list(let existing) = merged[index].value.value, case .list(let added) = member.value.value {
            merged[index].value.value = .list(existing + added)
            return
        }
        notices.append(
            ConfigIssue(
                path: member.key,
                message: "set again in \(file), whose value replaces the earlier one (as in LiteLLM, only lists are merged)",
                location: member.value.location
            )
        )
        merged[index] = member
    }

    private mutating func fail(_ path: ConfigPath, _ message: String, _ node: ConfigNode) {
        issues.append(ConfigIssue(path: path.description, message: message, location: node.location))
    }
}
