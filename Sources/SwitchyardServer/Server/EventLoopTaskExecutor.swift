import NIOCore

/// Runs a task's jobs on one NIO event loop.
///
/// A request's task is started with this executor as its preference, so its code runs on the loop of
/// the connection it answers: the upstream client picks its connection pool from the current loop
/// (`EventLoopGroup.any()`), and the response is written to the channel without a thread hop. Code
/// isolated to an actor still runs on the actor; it comes back here when it returns.
final class EventLoopTaskExecutor: TaskExecutor {
    /// The loop every job runs on.
    let eventLoop: any EventLoop

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// One executor per loop of `group`, keyed by the loop's identity.
    static func perLoop(of group: any EventLoopGroup) -> [ObjectIdentifier: EventLoopTaskExecutor] {
        var executors: [ObjectIdentifier: EventLoopTaskExecutor] = [:]
        for loop in group.makeIterator() {
            executors[ObjectIdentifier(loop as AnyObject)] = EventLoopTaskExecutor(eventLoop: loop)
        }
        return executors
    }
}
