import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
/// Makes NIO's event loops the threads Swift Concurrency runs its global jobs on, the way Swift's own
/// global executor runs them.
///
/// NIO offers the same placement (`NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor`),
/// but it runs each job *on the event loop's serial executor*. For the Swift runtime that is a custom
/// executor, not the generic one, so every call into a `nonisolated` async function (which asks to run on
/// the generic executor) cannot continue in place: `swift_task_switch` enqueues the task again, through
/// the global hook, onto the same loop. A gateway request made about 60 such round trips through the
/// loop's task queue (counted with a uprobe on `swift_task_enqueue`; docs/performance.md).
///
/// Here each job runs with the generic executor as its current executor, as Swift's default global
/// executor runs them (`swift_job_run(job, generic)`), so those calls continue in place. Jobs still go to
/// the loop they are enqueued from (`MultiThreadedEventLoopGroup.any()` is sticky), which keeps a request's
/// task on its connection's loop.
enum LoopGlobalExecutor {
    typealias EnqueueGlobalHook = @convention(thin) (UnownedJob, @convention(thin) (UnownedJob) -> Void) -> Void

    /// Whether `UnownedSerialExecutor` has the runtime layout `generic` assumes.
    static let layoutKnown = MemoryLayout<UnownedSerialExecutor>.size == 2 * MemoryLayout<Int>.size

    /// The generic executor: `SerialExecutorRef::generic()`, two zero words. Swift has no public spelling
    /// for it; its layout is part of the runtime's ABI. (Not an optional: two zero words are exactly
    /// what an optional of it uses for nil.)
    static let generic = unsafeBitCast((Int(0), Int(0)), to: UnownedSerialExecutor.self)

    /// Installs the hook; false when it cannot (unknown runtime layout, no hook symbol, or a hook already
    /// set), and the caller falls back to NIO's. Call once, first thing in `main`, before any task but the
    /// main one exists.
    static func install() -> Bool {
        guard layoutKnown,
            let symbol = dlsym(dlopen(nil, RTLD_NOW), "swift_task_enqueueGlobal_hook")
        else { return false }
        let slot = symbol.assumingMemoryBound(to: UnsafeRawPointer?.self)
        guard slot.pointee == nil else { return false }
        return withUnsafeTemporaryAllocation(of: EnqueueGlobalHook.self, capacity: 1) { hook in
            hook.baseAddress!.initialize(to: { job, _ in
                LoopGlobalExecutor.enqueue(job)
            })
            // A thin function is one code pointer: the value the runtime calls.
            hook.baseAddress!.withMemoryRebound(to: UnsafeRawPointer.self, capacity: 1) { pointer in
                slot.pointee = pointer.pointee
            }
            return true
        }
    }

    static func enqueue(_ job: UnownedJob) {
        // The loop this thread runs, when it is one of the singleton's; any loop otherwise.
        MultiThreadedEventLoopGroup.singleton.any().execute {
            job.runSynchronously(on: generic)
        }
    }
}
