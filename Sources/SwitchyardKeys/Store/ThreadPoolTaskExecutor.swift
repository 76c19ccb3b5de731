import NIOPosix

/// A task executor that runs jobs on a `NIOThreadPool`'s threads.
///
/// The spend writer runs its batches here (``BackgroundThreads/sqlite``), so that building and
/// serialising a batch's statements happens on the low-priority thread instead of an event loop that
/// has requests to answer.
public final class ThreadPoolTaskExecutor: TaskExecutor {
    let pool: NIOThreadPool

    /// An executor over `pool`.
    public init(pool: NIOThreadPool) {
        self.pool = pool
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        pool.submit { _ in job.runSynchronously(on: executor) }
    }
}
