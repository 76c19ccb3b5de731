import NIOPosix

#if canImport(Glibc)
    import Glibc
#endif

/// The thread SQLite's blocking calls run on in the gateway: one thread, at a lower scheduling
/// priority than the event loops.
///
/// A batch of spend rows is CPU work (parsing, B-tree inserts). On a machine with few cores, at normal
/// priority, the scheduler lets that thread run for whole time slices while an event loop with a
/// request to answer waits, which showed up as 10 ms at the 99th percentile in the benchmark. At nice
/// 10 the event loops preempt it as soon as they have work, and the writer uses the time they leave.
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

    /// Sets the calling thread's nice value to 10: on Linux the nice value is per thread, and `who = 0` names
    /// the calling thread (man 2 setpriority, "Bugs"). Elsewhere nothing.
    static func lowerPriorityOfCurrentThread() {
        #if os(Linux)
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }
}
