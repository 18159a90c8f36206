package dev.rotor.stack.testing;

import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.rotor.stack.EmbeddedKafka;
import dev.rotor.stack.PostgresServer;
import dev.rotor.stack.RegistryServer;
import dev.rotor.vaultdev.VaultDevServer;

/**
 * JUnit 5 access to the real stack: a test (or lifecycle method) that declares a parameter of type
 * {@link EmbeddedKafka}, {@link RegistryServer}, {@link VaultDevServer} or {@link PostgresServer}
 * gets the shared running instance, started on first use. A component that cannot start fails the
 * test loudly; nothing is skipped.
 */
public final class RotorStackExtension implements ParameterResolver {

    private static final Map<Class<?>, Supplier<?>> COMPONENTS = Map.of(
            EmbeddedKafka.class, RotorStack::kafka,
            RegistryServer.class, RotorStack::registry,
            VaultDevServer.class, RotorStack::vault,
            PostgresServer.class, RotorStack::postgres);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return COMPONENTS.containsKey(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return COMPONENTS.get(parameter.getParameter().getType()).get();
    }
}
