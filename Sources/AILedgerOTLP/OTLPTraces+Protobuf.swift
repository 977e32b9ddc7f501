extension OTLPTraces {
    /// Reads an `ExportTraceServiceRequest` in protobuf's binary form. Fields OTLP does not
    /// use here are skipped; anything that runs past its end, or nests values deeper than
    /// 32 levels, is refused with an `OTLPDecodingError`.
    public init(protobuf bytes: [UInt8]) throws {
        var spans: [OTLPSpan] = []
        var request = ProtobufReader(bytes)
        while let field = try request.next() {
            guard field.number == 1 else { try request.skip(field.type); continue }
            try ProtobufReader.expect(.lengthDelimited, field.type, "resource_spans")
            var resourceSpans = try request.message()
            var resource: [(String, OTLPValue)] = []
            var scopes: [ProtobufReader] = []
            while let field = try resourceSpans.next() {
                switch field.number {
                case 1:
                    try ProtobufReader.expect(.lengthDelimited, field.type, "resource")
                    var message = try resourceSpans.message()
                    while let field = try message.next() {
                        if field.number == 1 {
                            try ProtobufReader.expect(.lengthDelimited, field.type, "resource.attributes")
                            var pair = try message.message()
                            resource.append(try Self.keyValue(&pair, depth: 0))
                        } else {
                            try message.skip(field.type)
                        }
                    }
                case 2:
                    try ProtobufReader.expect(.lengthDelimited, field.type, "scope_spans")
                    scopes.append(try resourceSpans.message())
                default: try resourceSpans.skip(field.type)
                }
            }
            for var scopeSpans in scopes {
                var scopeName = "", scopeVersion = ""
                var scoped: [OTLPSpan] = []
                while let field = try scopeSpans.next() {
                    switch field.number {
                    case 1:
                        try ProtobufReader.expect(.lengthDelimited, field.type, "scope")
                        var scope = try scopeSpans.message()
                        while let field = try scope.next() {
                            switch (field.number, field.type) {
                            case (1, .lengthDelimited): scopeName = try scope.string()
                            case (2, .lengthDelimited): scopeVersion = try scope.string()
                            default: try scope.skip(field.type)
                            }
                        }
                    case 2:
                        try ProtobufReader.expect(.lengthDelimited, field.type, "spans")
                        var message = try scopeSpans.message()
                        scoped.append(try Self.span(&message))
                    default: try scopeSpans.skip(field.type)
                    }
                }
                for var span in scoped {
                    span.resourceAttributes = resource
                    span.scopeName = scopeName
                    span.scopeVersion = scopeVersion
                    spans.append(span)
                }
            }
        }
        self.init(spans: spans)
    }

    private static func span(_ message: inout ProtobufReader) throws -> OTLPSpan {
        var span = OTLPSpan()
        while let field = try message.next() {
            switch (field.number, field.type) {
            case (1, .lengthDelimited): span.traceID = try message.data()
            case (2, .lengthDelimited): span.spanID = try message.data()
            case (4, .lengthDelimited): span.parentSpanID = try message.data()
            case (5, .lengthDelimited): span.name = try message.string()
            case (6, .varint): span.kind = Int(truncatingIfNeeded: try message.varint())
            case (7, .fixed64): span.startNanos = try message.fixed64()
            case (8, .fixed64): span.endNanos = try message.fixed64()
            case (9, .lengthDelimited):
                var pair = try message.message()
                span.attributes.append(try keyValue(&pair, depth: 0))
            case (11, .lengthDelimited):
                var event = try message.message()
                span.events.append(try self.event(&event))
            case (15, .lengthDelimited):
                var status = try message.message()
                while let field = try status.next() {
                    switch (field.number, field.type) {
                    case (2, .lengthDelimited): span.statusMessage = try status.string()
                    case (3, .varint): span.statusCode = Int(truncatingIfNeeded: try status.varint())
                    default: try status.skip(field.type)
                    }
                }
            default:
                if [1, 2, 4, 5, 6, 7, 8, 9, 11, 15].contains(field.number) {
                    throw OTLPDecodingError("span field \(field.number): has the wrong wire type")
                }
                try message.skip(field.type)
            }
        }
        return span
    }

    private static func event(_ message: inout ProtobufReader) throws -> OTLPSpanEvent {
        var event = OTLPSpanEvent()
        while let field = try message.next() {
            switch (field.number, field.type) {
            case (1, .fixed64): event.timeNanos = try message.fixed64()
            case (2, .lengthDelimited): event.name = try message.string()
            case (3, .lengthDelimited):
                var pair = try message.message()
                event.attributes.append(try keyValue(&pair, depth: 0))
            default: try message.skip(field.type)
            }
        }
        return event
    }

    private static func keyValue(_ message: inout ProtobufReader, depth: Int) throws -> (String, OTLPValue) {
        var key = "", value = OTLPValue.string("")
        while let field = try message.next() {
            switch (field.number, field.type) {
            case (1, .lengthDelimited): key = try message.string()
            case (2, .lengthDelimited):
                var inner = try message.message()
                value = try anyValue(&inner, depth: depth + 1)
            default: try message.skip(field.type)
            }
        }
        return (key, value)
    }

    private static func anyValue(_ message: inout ProtobufReader, depth: Int) throws -> OTLPValue {
        guard depth <= maxValueDepth else { throw OTLPDecodingError("attribute values nest deeper than \(maxValueDepth) levels") }
        var value = OTLPValue.string("")
        while let field = try message.next() {
            switch (field.number, field.type) {
            case (1, .lengthDelimited): value = .string(try message.string())
            case (2, .varint): value = .bool(try message.varint() != 0)
            case (3, .varint): value = .int(Int64(bitPattern: try message.varint()))
            case (4, .fixed64): value = .double(Double(bitPattern: try message.fixed64()))
            case (5, .lengthDelimited):
                var array = try message.message()
                var values: [OTLPValue] = []
                while let field = try array.next() {
                    if field.number == 1, field.type == .lengthDelimited {
                        var item = try array.message()
                        values.append(try anyValue(&item, depth: depth + 1))
                    } else {
                        try array.skip(field.type)
                    }
                }
                value = .array(values)
            case (6, .lengthDelimited):
                var list = try message.message()
                var members: [(String, OTLPValue)] = []
                while let field = try list.next() {
                    if field.number == 1, field.type == .lengthDelimited {
                        var pair = try list.message()
                        members.append(try keyValue(&pair, depth: depth + 1))
                    } else {
                        try list.skip(field.type)
                    }
                }
                value = .keyValues(members)
            case (7, .lengthDelimited): value = .bytes(try message.data())
            default: try message.skip(field.type)
            }
        }
        return value
    }
}
