@testable import AILedger
import Foundation
import Testing

/// Redaction strategies, scope and configuration, on records as `Ledger.record` redacts them.
@Suite struct RedactorTests {
    static let key = Array("a pseudonym key of 32 bytes, ok!".utf8)

    @Test func hmacMatchesRFC4231() {
        let code = HMACSHA256.code(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(code.map { String(format: "%02x", $0) }.joined() == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func defaultPolicyRemovesSecretsAndKeepsPersonalData() throws {
        let redactor = try Redactor(policy: .secrets)
        let text = "key sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAB7cD0eF from jane@example.com"
        #expect(redactor.redacted(text) == "key [OPENAI_KEY] from jane@example.com")
        #expect(redactor.redacted("nothing to see here") == nil)
        #expect(redactor.statistics.replaced == ["openai_key": 1])
    }

    @Test func strategiesReplaceAsDocumented() throws {
        var policy = RedactionPolicy(detectors: [.email], strategy: .mask)
        policy.detectors[.paymentCard] = .mask
        policy.detectors[.phone] = .pseudonym
        policy.detectors[.ipAddress] = .mask
        policy.detectors[.iban] = .placeholder
        policy.pseudonymKey = Self.key
        let redactor = try Redactor(policy: policy)
        let out = try #require(redactor.redacted("jane.doe@example.com paid with 4111 1111 1111 1111 from 203.0.113.7, IBAN DE89 3704 0044 0532 0130 00"))
        #expect(out == "j***@example.com paid with ****1111 from 203.0.113.0, IBAN [IBAN]")
        // One phone number written two ways is one pseudonym; another number is another.
        let a = try #require(redactor.redacted("+1 415 555 0132")), b = try #require(redactor.redacted("+1-415-555-0132"))
        let c = try #require(redactor.redacted("+1 415 555 0199"))
        #expect(a == b && a != c && a.hasPrefix("[PHONE:") && a.count == "[PHONE:]".count + 16)
        // Another key gives other pseudonyms.
        policy.pseudonymKey = Array("another key of at least 16 bytes".utf8)
        #expect(try Redactor(policy: policy).redacted("+1 415 555 0132") != a)
    }

    @Test func pseudonymsNeedAKey() {
        let policy = RedactionPolicy(detectors: [.email], strategy: .pseudonym)
        #expect(throws: LedgerError.self) { try Redactor(policy: policy) }
    }

    @Test func allowListAndCustomRules() throws {
        var policy = RedactionPolicy.all
        policy.allowed = ["Support@Example.com"]
        policy.rules = [try RedactionRule(name: "order_id", pattern: #"ORD-\d{6}"#)]
        let redactor = try Redactor(policy: policy)
        #expect(redactor.redacted("write support@example.com or bob@example.com about ORD-123456")
                == "write support@example.com or [EMAIL] about [ORDER_ID]")
        #expect(redactor.statistics.replaced == ["email": 1, "order_id": 1])
        #expect(throws: LedgerError.self) { try RedactionRule(name: "Bad Name", pattern: "x") }
        #expect(throws: LedgerError.self) { try RedactionRule(name: "broken", pattern: "(unclosed") }
        #expect(throws: LedgerError.self) { try RedactionRule(name: "email", pattern: "x") }
    }

    @Test func everyTextFieldAndJSONLeafOfARecordIsRedacted() throws {
        var policy = RedactionPolicy.all
        policy.pseudonymKey = Self.key
        policy.userIDs = .pseudonym
        policy.ipAddresses = .pseudonym
        let redactor = try Redactor(policy: policy)
        let email = "jane@example.com"
        var interaction = Interaction(userID: "customer-42")
        interaction.ipAddress = "203.0.113.7"
        interaction.inputText = "I am \(email)"
        interaction.outputText = "Hello \(email)"
        interaction.errorMessage = "bounce from \(email)"
        interaction.request = ["messages": [["role": "user", "content": .string("mail \(email)")]], "n": 1]
        interaction.response = ["text": .string(email)]
        interaction.structuredOutput = [.string(email)]
        interaction.inputVariables = ["customer_email": .string(email)]
        interaction.errorDetails = ["to": .string(email)]
        interaction.metadata = ["contact": .string(email), "count": 3]
        interaction.feedback = Feedback(rating: .rejected, comment: "reach me at \(email)")
        interaction.sqlQueries = [SQLQuery(statement: "SELECT * FROM users WHERE email = '\(email)'", errorMessage: "no row for \(email)")]
        let out = redactor.redacted(interaction)
        let stored = String(describing: out)
        #expect(!stored.contains(email), "\(stored)")
        #expect(out.inputText == "I am [EMAIL]")
        #expect(out.metadata["count"] == 3)
        #expect(out.userID?.hasPrefix("user_") == true && out.userID == redactor.redacted(Interaction(userID: "customer-42")).userID)
        #expect(out.ipAddress?.hasPrefix("fd") == true)
        #expect(IPAddressMask.groups(of: Array(out.ipAddress!.utf8))?.count == 8)

        var call = Call(model: "gpt-4o", usage: TokenUsage(input: 1, output: 1))
        call.userID = "customer-42"
        call.inputText = email
        call.outputText = email
        call.errorMessage = email
        call.request = ["prompt": .string(email)]
        call.response = ["choices": [["text": .string(email)]]]
        call.metadata = ["m": .string(email)]
        let redactedCall = redactor.redacted(call)
        #expect(!String(describing: redactedCall).contains(email))
        #expect(redactedCall.userID == out.userID)

        var conversation = Conversation(userID: "customer-42")
        conversation.title = "Chat with \(email)"
        conversation.metadata = ["m": .string(email)]
        #expect(!String(describing: redactor.redacted(conversation)).contains(email))
    }

    @Test func ipAddressFieldMasks() throws {
        var policy = RedactionPolicy.off
        policy.ipAddresses = .mask
        let redactor = try Redactor(policy: policy)
        #expect(redactor.redactedIPAddress("198.51.100.23") == .some("198.51.100.0"))
        #expect(redactor.redactedIPAddress("2001:db8:abcd:12::7") == .some("2001:db8:abcd::"))
        #expect(redactor.redactedIPAddress("not an address") == .some(nil))
        policy.ipAddresses = .placeholder
        #expect(try Redactor(policy: policy).redactedIPAddress("198.51.100.23") == .some(nil))
    }

    @Test func policyReadsFromJSONAndNamesTheFieldAtFault() throws {
        let json = try JSONValue(jsonText: #"""
            {"detectors": {"all": "mask", "email": "pseudonym"}, "rules": [{"name": "order_id", "pattern": "ORD-[0-9]{6}"}],
             "allow": ["ops@example.com"], "pseudonym_key_env": "KEY", "user_id": "pseudonym", "ip_address": "mask"}
            """#)
        let policy = try RedactionPolicy(json: json, environment: ["KEY": "0123456789abcdef0123"])
        #expect(policy.detectors[.email] == .pseudonym && policy.detectors[.phone] == .mask && policy.detectors.count == RedactionDetector.allCases.count)
        #expect(policy.rules.map(\.name) == ["order_id"] && policy.allowed == ["ops@example.com"])
        #expect(policy.userIDs == .pseudonym && policy.ipAddresses == .mask && policy.pseudonymKey?.count == 20)
        let list = try RedactionPolicy(json: try JSONValue(jsonText: #"{"detectors": ["secrets", "email"]}"#))
        #expect(Set(list.detectors.keys) == Set(RedactionDetector.secrets + [.email]))
        #expect(try RedactionPolicy(json: try JSONValue(jsonText: #"{"detectors": ["none"]}"#)).isOff)
        for (text, field) in [(#"{"detectors": ["emial"]}"#, "redaction.detectors[0]"),
                              (#"{"detectors": {"email": "blur"}}"#, "redaction.detectors.email"),
                              (#"{"detectors": ["email"], "strategy": "pseudonym"}"#, "pseudonym key"),
                              (#"{"pseudonym_key_env": "MISSING"}"#, "redaction.pseudonym_key_env"),
                              (#"{"rules": [{"name": "x"}]}"#, "redaction.rules[0]"),
                              (#"{"colour": "red"}"#, "redaction.colour")] {
            let error = #expect(throws: LedgerError.self) { try RedactionPolicy(json: try JSONValue(jsonText: text), environment: [:]) }
            #expect(error?.kind == .invalidConfiguration && error?.message.contains(field) == true, "\(String(describing: error))")
        }
    }
}
