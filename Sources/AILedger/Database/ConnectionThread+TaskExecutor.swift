/// A connection's thread as a task executor: a task that prefers it runs each step between
/// its database calls there, and each call at once, without a trip to the thread and back.
///
/// Those trips are what a batch of statements waits on when callers keep both cores busy:
/// each one is a wakeup of the connection's thread and then of the caller's, a millisecond
/// or more apiece on a loaded machine. `ConnectionPool.withConnection` runs its body so.
/// The buffered writer's own thread is one too: the steps of its loop run at once rather
/// than queueing behind the callers' work on the cooperative pool.
extension ConnectionThread: TaskExecutor {
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        // Once the thread has ended, a job that still arrives runs on the pool rather than
        // never; a database call it makes then finds the connection closed.
        if !post({ [self] in job.runSynchronously(on: asUnownedTaskExecutor()) }) { globalConcurrentExecutor.enqueue(job) }
    }
}
