/// The registry `Ledger.open(url:)` looks drivers up in, by URL scheme.
///
/// Each driver is its own product, so an application registers the ones it links:
/// `DatabaseDrivers.register(SQLiteDriver())`.
public enum DatabaseDrivers {
    private static let registered = Locked<[any DatabaseDriver]>([])

    /// The schemes of AILedger's own drivers, and the product that provides each.
    static let knownSchemes: [String: String] = [
        "sqlite": "AILedgerSQLite", "postgres": "AILedgerPostgres", "postgresql": "AILedgerPostgres",
        "mysql": "AILedgerMySQL", "mariadb": "AILedgerMySQL",
    ]

    /// Adds `driver`, replacing any registered driver with the same name.
    public static func register(_ driver: any DatabaseDriver) {
        registered.withLock { drivers in
            drivers.removeAll { $0.name == driver.name }
            drivers.append(driver)
        }
    }

    /// The registered drivers.
    public static var all: [any DatabaseDriver] { registered.withLock { $0 } }

    /// The driver among `drivers` that handles `url`'s scheme.
    static func driver(for url: DatabaseURL, among drivers: [any DatabaseDriver]) throws -> any DatabaseDriver {
        if let driver = drivers.first(where: { $0.urlSchemes.contains(url.scheme) }) { return driver }
        if let product = knownSchemes[url.scheme] {
            throw LedgerError(.unsupportedScheme,
                "no driver for '\(url.scheme)' is registered: link the \(product) product and register its driver before opening (for example DatabaseDrivers.register(SQLiteDriver())).")
        }
        let schemes = (Set(knownSchemes.keys).union(drivers.flatMap(\.urlSchemes))).sorted().joined(separator: ", ")
        throw LedgerError(.unsupportedScheme, "unknown URL scheme '\(url.scheme)'; supported schemes: \(schemes)")
    }
}
