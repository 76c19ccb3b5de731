import NIOPosix

#if canImport(Glibc)
    import Glibc
#endif

/// The thread SQLite's blocking calls run on in the gateway: one thread, scheduled below the event loops.
///
/// A batch of spend rows is CPU work (binding, B-tree inserts). On a machine with few cores, at normal
/// priority, the scheduler lets that thread run for whole time slices while an event loop with a
/// request to answer waits, which showed up as 10 ms at the 99th percentile in the benchmark. At nice
/// 10 it still tripled the p99 of the benchmark's one-connection run (issue 10). So the spend writer
/// paces the thread by its backlog (``pace(backlog:)``): with little waiting it runs as `SCHED_IDLE`,
/// which Linux preempts the moment an event loop wakes up, so it only uses time the loops leave; with a
/// backlog (the loops keep the core busy and an idle-class thread would starve) it runs at nice 10, where
/// it gets about a tenth of a contended core and catches up.
public enum BackgroundThreads {
    /// The pool, started on first use.
    public static let sqlite: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        pool.submit { state in
            guard state == .active else { return }
            lowerPriorityOfCurrentThread()
        }
        return pool
    }()

    /// Runs tasks on ``sqlite``'s thread: where the spend writer builds and sends its batches.
    public static let sqliteExecutor = ThreadPoolTaskExecutor(pool: sqlite)

    /// Waiting rows up to which the writer runs as `SCHED_IDLE` (a few MB of rows).
    public static let idleBacklogLimit = 10_000

    /// Schedules the calling thread (the SQLite thread, before a spend write) for `backlog` waiting rows:
    /// `SCHED_IDLE` up to ``idleBacklogLimit``, else normal scheduling at nice 10. Linux only.
    @Sendable public static func pace(backlog: Int) {
        #if os(Linux)
            guard canLeaveIdleClass else { return }
            var parameters = sched_param()
            if backlog <= idleBacklogLimit {
                // SCHED_IDLE is 5 (<sched.h>, Linux 2.6.23+); Glibc's module does not export the name.
                _ = sched_setscheduler(0, 5, &parameters)
            } else {
                _ = sched_setscheduler(0, SCHED_OTHER, &parameters)
                lowerPriorityOfCurrentThread()
            }
        #endif
    }

    /// Whether a thread may return from `SCHED_IDLE` to normal scheduling at nice 10: root may, others only
    /// when `RLIMIT_NICE` allows nice 10 (sched(7)). Without it the writer stays at nice 10 all along: an
    /// idle-class thread that could not come back would starve under load and its rows would pile up.
    static let canLeaveIdleClass: Bool = {
        #if os(Linux)
            if geteuid() == 0 { return true }
            var limit = rlimit()
            // RLIMIT_NICE is 13 (<sys/resource.h>); Glibc's module does not export the name.
            guard getrlimit(__rlimit_resource_t(13), &limit) == 0 else { return false }
            return limit.rlim_cur >= 10
        #else
            return false
        #endif
    }()

    /// Sets the calling thread's nice value to 10: on Linux the nice value is per thread, and `who = 0` names
    /// the calling thread (man 2 setpriority, "Bugs"). Elsewhere nothing.
    static func lowerPriorityOfCurrentThread() {
        #if os(Linux)
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }
}
