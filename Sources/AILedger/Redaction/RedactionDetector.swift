/// A built-in scanner for one kind of sensitive value in text.
///
/// Secret detectors are on by default (`RedactionPolicy.secrets`): a credential pasted into
/// a prompt must never be stored. Personal-data detectors are opt-in.
public enum RedactionDetector: String, Sendable, Hashable, CaseIterable, Codable {
    /// An email address: `jane.doe@example.com`.
    case email
    /// A phone number: E.164 (`+44 20 7946 0958`), or a national number written in groups
    /// (`(415) 555-0132`, `415-555-0132`, `020 7946 0958`).
    case phone
    /// A payment card number: 13 to 19 digits, spaces or dashes allowed, of a known card
    /// network, passing the Luhn check.
    case paymentCard = "payment_card"
    /// An IBAN passing the mod-97 check, with the length of its country.
    case iban
    /// An IPv4 or IPv6 address in text.
    case ipAddress = "ip_address"
    /// A US Social Security number written `123-45-6789`.
    case ssn
    /// An OpenAI API key: `sk-…`, `sk-proj-…`.
    case openAIKey = "openai_key"
    /// An Anthropic API key: `sk-ant-…`.
    case anthropicKey = "anthropic_key"
    /// An AWS access key id: `AKIA…`, `ASIA…`.
    case awsAccessKey = "aws_access_key"
    /// A GitHub token: `ghp_…`, `gho_…`, `ghs_…`, `github_pat_…`.
    case githubToken = "github_token"
    /// A Slack token: `xoxb-…`, `xoxp-…`, `xapp-…`.
    case slackToken = "slack_token"
    /// A JSON Web Token: three base64url segments, the first two JSON objects.
    case jwt
    /// The credential after `Bearer ` (the word itself is kept).
    case bearerToken = "bearer_token"
    /// A PEM private key block, `-----BEGIN … PRIVATE KEY-----` to its end.
    case privateKey = "private_key"

    /// The detectors for credentials, on by default.
    public static let secrets: [RedactionDetector] = [.openAIKey, .anthropicKey, .awsAccessKey, .githubToken, .slackToken, .jwt, .bearerToken, .privateKey]
    /// The detectors for personal data, opt-in.
    public static let personal: [RedactionDetector] = [.email, .phone, .paymentCard, .iban, .ipAddress, .ssn]

    /// Whether the detector finds credentials rather than personal data.
    public var isSecret: Bool { Self.secrets.contains(self) }

    /// The name in placeholders and pseudonyms: `EMAIL` in `[EMAIL]`.
    public var label: String {
        switch self {
        case .paymentCard: "CARD"
        case .ipAddress: "IP"
        default: rawValue.uppercased()
        }
    }
}
