import Foundation
import NIOCore
import SwitchyardEngine

/// How many event loop threads the process runs.
///
/// NIO sizes its singleton group by cgroup limits only; a process pinned with `taskset` or a CPU set
/// would run more loops than CPUs, and they would preempt each other. Like Go's `GOMAXPROCS`,
/// Switchyard counts the CPUs it may actually run on. `SWITCHYARD_EVENT_LOOPS=N` overrides it.
enum EventLoopSizing {
    /// The loop count: the override if valid, else the CPUs in this process's affinity mask, else NIO's own count.
    static func loopCount(environment: [String: String]) -> Int {
        if let text = environment["SWITCHYARD_EVENT_LOOPS"], let count = Int(text), (1...1024).contains(count) {
            return count
        }
        return min(affinityCPUCount() ?? System.coreCount, System.coreCount)
    }

    /// The number of CPUs this process may run on, from `Cpus_allowed_list` in `/proc/self/status` (Linux).
    static func affinityCPUCount() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") })
        else { return nil }
        return cpuCount(inList: line.dropFirst("Cpus_allowed_list:".count))
    }

    /// The CPUs in a list like `0-3,8,10-11`; nil when it does not parse.
    static func cpuCount(inList list: Substring) -> Int? {
        var count = 0
        for part in list.split(separator: ",") {
            let bounds = part.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            switch bounds.count {
            case 1:
                guard bounds[0] != nil else { return nil }
                count += 1
            case 2:
                guard let low = bounds[0], let high = bounds[1], high >= low else { return nil }
                count += high - low + 1
            default:
                return nil
            }
        }
        return count > 0 ? count : nil
    }
}
