/// What `record` does when the writer's buffer is full.
public enum BufferFullPolicy: Sendable {
    /// Suspend the caller until the writer has made room (back-pressure).
    case wait
    /// Write the record straight to the outbox, which `WriterOptions.outboxURL` must name.
    case spill
}
