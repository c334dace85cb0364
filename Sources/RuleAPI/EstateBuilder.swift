import EstateModel

/// Small helpers for writing rule examples: an estate with one or two servers.
public enum ExampleEstate {
    /// Evidence for example values.
    public static func evidence(_ value: String, _ location: String = "example") -> Evidence {
        Evidence(file: "example", location: location, value: value)
    }

    /// A fact with example evidence.
    public static func fact<T>(_ value: T, _ raw: String? = nil) -> Fact<T> {
        Fact(value, evidence(raw ?? "\(value)"))
    }

    /// An estate holding one server, shaped by `configure`.
    public static func server(_ name: String = "rras01", roles: Set<ServerRole> = [.vpn],
                              _ configure: (inout Server) -> Void = { _ in }) -> Estate {
        var server = Server(name: name, roles: roles)
        configure(&server)
        return Estate(servers: [server])
    }

    /// An estate of several servers, each shaped by its closure.
    public static func servers(_ shapes: [(String, (inout Server) -> Void)], roles: Set<ServerRole> = [.vpn]) -> Estate {
        Estate(servers: shapes.map { name, configure in
            var server = Server(name: name, roles: roles)
            configure(&server)
            return server
        })
    }
}
