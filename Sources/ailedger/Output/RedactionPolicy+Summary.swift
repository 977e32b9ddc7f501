import AILedger

extension RedactionPolicy {
    /// What the policy redacts, for a startup line: `secrets, email, user ids`.
    var summary: String {
        if isOff { return "nothing" }
        let names = Set(detectors.keys)
        var parts: [String] = []
        if names == Set(RedactionDetector.allCases) {
            parts.append("all detectors")
        } else {
            if names.isSuperset(of: RedactionDetector.secrets) { parts.append("secrets") }
            parts += RedactionDetector.allCases.filter { names.contains($0) && !(names.isSuperset(of: RedactionDetector.secrets) && $0.isSecret) }
                .map(\.rawValue)
        }
        parts += rules.map(\.name)
        if userIDs != nil { parts.append("user ids") }
        if ipAddresses != nil { parts.append("IP addresses") }
        return parts.joined(separator: ", ")
    }
}
