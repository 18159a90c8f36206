package dev.rotor.verifier.target;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/** The login probe for each target type. */
@ApplicationScoped
public class LoginProbes {

    private final Map<String, LoginProbe> byType;

    @Inject
    LoginProbes(Instance<LoginProbe> probes) {
        this(probes.stream().toList());
    }

    public LoginProbes(List<LoginProbe> probes) {
        this.byType = probes.stream().collect(Collectors.toMap(LoginProbe::targetType, Function.identity()));
    }

    public Optional<LoginProbe> forType(String targetType) {
        return Optional.ofNullable(byType.get(targetType));
    }

    public Set<String> types() {
        return new TreeSet<>(byType.keySet());
    }
}
