package dev.rotor.verifier.config;

import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.rotor.target.TargetKind;
import dev.rotor.target.TargetKinds;
import dev.rotor.target.Timeouts;

/** Every target kind, with the probe timeouts; a {@link TargetKind} bean (a test's fake target) joins them. */
class TargetKindsProducer {

    @Produces
    @Singleton
    TargetKinds kinds(VerifierConfig config, Instance<TargetKind> beans) {
        Timeouts timeouts = new Timeouts(config.probe().connectTimeout(), config.probe().socketTimeout());
        List<TargetKind> kinds = Stream.concat(TargetKinds.all(timeouts).stream(), beans.stream()).toList();
        return new TargetKinds(kinds);
    }
}
