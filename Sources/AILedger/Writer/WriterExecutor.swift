/// The thread a buffered writer's task runs on, apart from Swift's cooperative pool.
///
/// The writer's work between database calls is short, but it is on the path of every
/// batch: each statement of a batch hands a job to the connection's thread and resumes
/// when that is done. On the shared pool, that resumption queues behind whatever the
/// callers run, and callers recording in a loop can hold every pool thread for tens of
/// milliseconds while the database waits. Here it runs at once. Turning records into rows,
/// the writer's heavy work, still runs on the pool.
final class WriterExecutor: TaskExecutor, @unchecked Sendable {
    private let thread = ConnectionThread(name: "ailedger writer")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        // Once the thread has ended, a job that still arrives (none should) runs on the pool
        // rather than never.
        if !thread.post({ [self] in job.runSynchronously(on: asUnownedTaskExecutor()) }) { globalConcurrentExecutor.enqueue(job) }
    }

    /// Ends the thread once the jobs queued so far have run. A writer's thread ends when its
    /// ledger is closed: a buffered ledger that is never closed keeps it.
    func stop() {
        thread.stop()
    }
}
