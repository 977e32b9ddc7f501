/// What one hourly call rollup counts: an hour and the values calls are grouped by.
package struct CallRollupKey: Sendable, Hashable {
    /// The UTC hour's start, in microseconds since the Unix epoch.
    package var hour: Int64
    package var model: String
    package var provider: String?
    package var callType: String?
    package var status: String

    package init(hour: Int64, model: String, provider: String?, callType: String?, status: String) {
        self.hour = hour
        self.model = model
        self.provider = provider
        self.callType = callType
        self.status = status
    }

    /// The key of `call`'s hour and values.
    init(_ call: borrowing Call) {
        self.init(hour: Self.hour(of: Timestamp.microseconds(call.createdAt)), model: call.model, provider: call.provider,
                  callType: call.callType, status: call.status.rawValue)
    }

    /// The start of the UTC hour holding `microseconds`.
    package static func hour(of microseconds: Int64) -> Int64 {
        let hour: Int64 = 3_600_000_000
        return microseconds - ((microseconds % hour) + hour) % hour
    }

    /// 32 hex digits of the SHA-256 of the four values, each written with its length (or
    /// `-` for none), so that no two keys share a hash by their text running together.
    var hash: String {
        var text = ""
        for value in [model, provider, callType, status] {
            if let value { text += "\(value.utf8.count):\(value)|" } else { text += "-|" }
        }
        return String(SHA256.hex(Array(text.utf8)).prefix(32))
    }
}
