/// A connection whose C calls run on a thread of its own (`SerializedConnection`), offered
/// as a task executor: work that prefers it makes those calls without a trip to the thread.
package protocol ThreadBoundConnection: DatabaseConnection {
    /// The connection's thread.
    var executor: any TaskExecutor { get }
}
