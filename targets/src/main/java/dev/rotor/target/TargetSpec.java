package dev.rotor.target;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.rotor.schema.TargetRef;

/**
 * Where a credential logs in: the kind, its address, the account whose credential rotates, the store
 * path of the admin credential (null where the account changes its own), and what only the kind reads.
 */
public record TargetSpec(String type, String host, int port, String account, String adminPath, Map<String, String> properties) {

    /** Before TargetRef had properties, the database was a field of its own; it still is written there for older readers. */
    static final String DATABASE = "database";

    public TargetSpec {
        properties = Map.copyOf(properties);
    }

    public static TargetSpec of(TargetRef ref) {
        Map<String, String> properties = new TreeMap<>(ref.getProperties());
        if (ref.getDatabase() != null) {
            properties.putIfAbsent(DATABASE, ref.getDatabase());
        }
        return new TargetSpec(ref.getType(), ref.getHost(), ref.getPort(), ref.getRole(), ref.getAdminPath(), properties);
    }

    public TargetRef toRef() {
        return TargetRef.newBuilder()
                .setType(type)
                .setHost(host)
                .setPort(port)
                .setDatabase(properties.get(DATABASE))
                .setRole(account)
                .setAdminPath(adminPath)
                .setProperties(new TreeMap<>(properties))
                .build();
    }

    public Optional<String> property(String name) {
        return Optional.ofNullable(properties.get(name));
    }

    /** host:port as a URL or a bootstrap list writes it: an IPv6 literal in brackets. */
    public String address() {
        return address(host, port);
    }

    /** The same for another port of the target's host, e.g. a management API's. */
    public static String address(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** How an operator recognises the target in a message: where it is and whose credential, never a value. */
    public String describe() {
        return type + " " + address()
                + property(DATABASE).map(database -> "/" + database).orElse("") + " account '" + account + "'";
    }
}
