package dev.rotor.target;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.rotor.target.kafka.KafkaScramKind;
import dev.rotor.target.mysql.MysqlKind;
import dev.rotor.target.postgresql.PostgresKind;
import dev.rotor.target.rabbitmq.RabbitmqKind;
import dev.rotor.target.redis.RedisKind;

/** The target kinds a service knows, by type, and the checks every target passes whatever its kind. */
public final class TargetKinds {

    /** A DNS name or an IPv4 address (RFC 1123 labels), or an IPv6 literal: nothing a URL or a driver would parse further. */
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}");
    private static final int MAX_PORT = 65_535;

    private final Map<String, TargetKind> byType;

    public TargetKinds(List<TargetKind> kinds) {
        this.byType = kinds.stream().collect(Collectors.toMap(TargetKind::type, Function.identity()));
    }

    /** Every kind Rotor has. A new kind is one package beside {@code postgresql} and one entry here. */
    public static TargetKinds all(Timeouts timeouts) {
        return new TargetKinds(List.of(new PostgresKind(timeouts), new MysqlKind(timeouts), new RedisKind(timeouts),
                new RabbitmqKind(timeouts), new KafkaScramKind(timeouts)));
    }

    public Stream<TargetKind> stream() {
        return byType.values().stream();
    }

    public Optional<TargetKind> of(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** @throws UnknownTargetKind when no kind serves the target's type */
    public TargetKind of(TargetSpec target) {
        return of(target.type()).orElseThrow(() -> new UnknownTargetKind(target.type(), types()));
    }

    public Set<String> types() {
        return new TreeSet<>(byType.keySet());
    }

    /** The violation of a type no kind serves, for a caller that cannot build the whole target yet. */
    public Optional<Violation> unsupported(String type) {
        return of(type).isPresent() ? Optional.empty()
                : Optional.of(new Violation("type", "unsupported target type: use one of " + types()));
    }

    /** Everything wrong with a target, its kind's findings included; fields are relative to the target. */
    public List<Violation> validate(TargetSpec target) {
        List<Violation> violations = new ArrayList<>();
        Optional<TargetKind> kind = of(target.type());
        unsupported(target.type()).ifPresent(violations::add);
        if (!HOST_NAME.matcher(target.host()).matches() && !IPV6_LITERAL.matcher(target.host()).matches()) {
            violations.add(new Violation("host", "must be a host name or an IP address, without scheme, port, path or"
                    + " parameters, e.g. db.internal or 10.0.0.5"));
        }
        if (target.port() < 1 || target.port() > MAX_PORT) {
            violations.add(new Violation("port", "must be a whole number from 1 to " + MAX_PORT + ", e.g. 5432"));
        }
        if (target.account().chars().anyMatch(Character::isISOControl)) {
            violations.add(new Violation("role", "must not contain control characters"));
        }
        kind.ifPresent(k -> {
            if (k.needsAdmin() && target.adminPath() == null) {
                violations.add(new Violation("adminSecret", "required for " + k.type() + ": the path, in the same mount, of the"
                        + " credential allowed to change the account's password"));
            }
            target.properties().keySet().stream().filter(name -> !k.properties().contains(name)).sorted().forEach(name ->
                    violations.add(new Violation(name, "unknown for " + k.type() + ": it reads " + new TreeSet<>(k.properties()))));
            violations.addAll(k.validate(target));
        });
        return violations;
    }
}
