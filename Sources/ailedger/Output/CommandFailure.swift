/// A command that could not do its work for a reason other than how it was called (a file
/// that cannot be read or written, a setting the environment lacks): exit status 1, where
/// `ValidationError` means bad usage, exit status 2.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
