import AILedger
import Foundation

extension OTLPTraces {
    /// Reads an `ExportTraceServiceRequest` in OTLP JSON: lowerCamelCase keys, trace and span
    /// ids in hex, enums as integers, 64-bit integers as strings or numbers; unknown fields
    /// are ignored. A field of the wrong type is refused with an `OTLPDecodingError` naming it.
    public init(json: JSONValue) throws {
        var spans: [OTLPSpan] = []
        guard case .object(let request) = json else { throw OTLPDecodingError("the body must be a JSON object") }
        for resourceSpans in try Self.array(request["resourceSpans"], "resourceSpans") {
            guard case .object(let fields) = resourceSpans else { throw OTLPDecodingError("resourceSpans: must hold objects") }
            var resource: [(String, OTLPValue)] = []
            if let value = fields["resource"], value != .null {
                guard case .object(let resourceFields) = value else { throw OTLPDecodingError("resource: must be an object") }
                resource = try Self.attributes(resourceFields["attributes"], "resource.attributes")
            }
            for scopeSpans in try Self.array(fields["scopeSpans"], "scopeSpans") {
                guard case .object(let scopeFields) = scopeSpans else { throw OTLPDecodingError("scopeSpans: must hold objects") }
                var scopeName = "", scopeVersion = ""
                if case .object(let scope)? = scopeFields["scope"] {
                    scopeName = try Self.string(scope["name"], "scope.name")
                    scopeVersion = try Self.string(scope["version"], "scope.version")
                }
                for item in try Self.array(scopeFields["spans"], "spans") {
                    var span = try Self.span(item)
                    span.resourceAttributes = resource
                    span.scopeName = scopeName
                    span.scopeVersion = scopeVersion
                    spans.append(span)
                }
            }
        }
        self.init(spans: spans)
    }

    private static func span(_ value: JSONValue) throws -> OTLPSpan {
        guard case .object(let fields) = value else { throw OTLPDecodingError("spans: must hold objects") }
        var span = OTLPSpan()
        span.traceID = try hex(fields["traceId"], "traceId")
        span.spanID = try hex(fields["spanId"], "spanId")
        span.parentSpanID = try hex(fields["parentSpanId"], "parentSpanId")
        span.name = try string(fields["name"], "name")
        span.kind = Int(try integer(fields["kind"], "kind"))
        span.startNanos = UInt64(bitPattern: try integer(fields["startTimeUnixNano"], "startTimeUnixNano"))
        span.endNanos = UInt64(bitPattern: try integer(fields["endTimeUnixNano"], "endTimeUnixNano"))
        span.attributes = try attributes(fields["attributes"], "attributes")
        span.events = try array(fields["events"], "events").map { item in
            guard case .object(let eventFields) = item else { throw OTLPDecodingError("events: must hold objects") }
            var event = OTLPSpanEvent()
            event.name = try string(eventFields["name"], "events.name")
            event.timeNanos = UInt64(bitPattern: try integer(eventFields["timeUnixNano"], "events.timeUnixNano"))
            event.attributes = try attributes(eventFields["attributes"], "events.attributes")
            return event
        }
        if let status = fields["status"], status != .null {
            guard case .object(let statusFields) = status else { throw OTLPDecodingError("status: must be an object") }
            span.statusCode = Int(try integer(statusFields["code"], "status.code"))
            span.statusMessage = try string(statusFields["message"], "status.message")
        }
        return span
    }

    private static func attributes(_ value: JSONValue?, _ name: String, depth: Int = 0) throws -> [(String, OTLPValue)] {
        try array(value, name).map { item in
            guard case .object(let pair) = item else { throw OTLPDecodingError("\(name): must hold key-value objects") }
            let key = try string(pair["key"], "\(name).key")
            guard let value = pair["value"], value != .null else { return (key, .string("")) }
            return (key, try anyValue(value, "\(name).value", depth: depth + 1))
        }
    }

    private static func anyValue(_ value: JSONValue, _ name: String, depth: Int) throws -> OTLPValue {
        guard depth <= maxValueDepth else { throw OTLPDecodingError("attribute values nest deeper than \(maxValueDepth) levels") }
        guard case .object(let fields) = value else { throw OTLPDecodingError("\(name): must be an object") }
        if let text = fields["stringValue"], text != .null { return .string(try string(text, "\(name).stringValue")) }
        if let flag = fields["boolValue"], flag != .null {
            guard case .bool(let flag) = flag else { throw OTLPDecodingError("\(name).boolValue: must be true or false") }
            return .bool(flag)
        }
        if let number = fields["intValue"], number != .null { return .int(try integer(number, "\(name).intValue")) }
        if let number = fields["doubleValue"], number != .null {
            switch number {
            case .double(let double): return .double(double)
            case .int(let int): return .double(Double(int))
            case .string(let text) where text.utf8.count <= 40 && Double(text) != nil: return .double(Double(text)!)
            default: throw OTLPDecodingError("\(name).doubleValue: must be a number")
            }
        }
        if let list = fields["arrayValue"], list != .null {
            guard case .object(let listFields) = list else { throw OTLPDecodingError("\(name).arrayValue: must be an object") }
            return .array(try array(listFields["values"], "\(name).arrayValue.values").map {
                try anyValue($0, "\(name).arrayValue.values", depth: depth + 1)
            })
        }
        if let list = fields["kvlistValue"], list != .null {
            guard case .object(let listFields) = list else { throw OTLPDecodingError("\(name).kvlistValue: must be an object") }
            return .keyValues(try attributes(listFields["values"], "\(name).kvlistValue.values", depth: depth + 1))
        }
        if let bytes = fields["bytesValue"], bytes != .null {
            guard case .string(let text) = bytes, let data = Data(base64Encoded: text) else {
                throw OTLPDecodingError("\(name).bytesValue: must be base64")
            }
            return .bytes(Array(data))
        }
        return .string("")
    }

    private static func array(_ value: JSONValue?, _ name: String) throws -> [JSONValue] {
        switch value {
        case nil, .null?: return []
        case .array(let items)?: return items
        default: throw OTLPDecodingError("\(name): must be an array")
        }
    }

    private static func string(_ value: JSONValue?, _ name: String) throws -> String {
        switch value {
        case nil, .null?: return ""
        case .string(let text)?: return text
        default: throw OTLPDecodingError("\(name): must be a string")
        }
    }

    /// A 64-bit integer, as a number or a decimal string (unsigned values past Int64 wrap, as
    /// nanosecond times never reach them).
    private static func integer(_ value: JSONValue?, _ name: String) throws -> Int64 {
        switch value {
        case nil, .null?: return 0
        case .int(let number)?: return number
        case .double(let number)? where number.rounded() == number && abs(number) < 9.2e18: return Int64(number)
        case .string(let text)? where text.utf8.count <= 20:
            if let number = Int64(text) { return number }
            if let number = UInt64(text) { return Int64(bitPattern: number) }
            throw OTLPDecodingError("\(name): must be a whole number")
        default: throw OTLPDecodingError("\(name): must be a whole number")
        }
    }

    /// Hex (either case) into bytes; an empty string is no id.
    private static func hex(_ value: JSONValue?, _ name: String) throws -> [UInt8] {
        let text = try string(value, name)
        guard text.utf8.count <= 64, text.utf8.count % 2 == 0 else { throw OTLPDecodingError("\(name): must be an even number of hex digits") }
        var bytes: [UInt8] = []
        var high: UInt8?
        for byte in text.utf8 {
            let digit: UInt8
            switch byte {
            case 48...57: digit = byte - 48
            case 97...102: digit = byte - 87
            case 65...70: digit = byte - 55
            default: throw OTLPDecodingError("\(name): must be hex digits")
            }
            if let first = high {
                bytes.append(first << 4 | digit)
                high = nil
            } else {
                high = digit
            }
        }
        return bytes
    }
}
