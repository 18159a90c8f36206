package dev.rotor.audit.metrics;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;

import dev.rotor.audit.domain.SecretState;
import dev.rotor.audit.domain.Staleness;

/**
 * Staleness and completeness gauges, computed when Prometheus scrapes, from this instance's stores
 * and the clock: staleness grows with time, not with events, so a value stored at the last event
 * would be wrong by the next scrape. Each instance reports the secrets and rotations it owns; sum
 * across instances. While the stores are not readable (starting, rebalancing) a gauge is NaN rather
 * than a 0 that would look like "all fine".
 */
public class AuditGauges {

    static final String LAST_SUCCESS_GAUGE = "secret_rotation_last_success_seconds";

    private final Supplier<Optional<List<SecretState>>> secrets;
    private final Supplier<Optional<Long>> incompleteRotations;
    private final Clock clock;

    /**
     * @param secrets every secret state this instance holds; empty while the store is not readable
     * @param incompleteRotations how many rotations here have an unresolved finding; empty likewise
     */
    public AuditGauges(Supplier<Optional<List<SecretState>>> secrets, Supplier<Optional<Long>> incompleteRotations, Clock clock) {
        this.secrets = secrets;
        this.incompleteRotations = incompleteRotations;
        this.clock = clock;
    }

    public void bindTo(MeterRegistry registry) {
        Gauge.builder("rotor.secrets.overdue", () -> count(Staleness::overdue))
                .description("Secrets past their policy's due time (last success, or registration, plus max age), not exempt")
                .register(registry);
        Gauge.builder("rotor.secrets.breached", () -> count(Staleness::breached))
                .description("Secrets more than 7 days past their due time: a compliance breach")
                .register(registry);
        Gauge.builder("rotor.audit.incomplete.rotations", () -> incompleteRotations.get().map(Long::doubleValue).orElse(Double.NaN))
                .description("Rotations with an unresolved incompleteness finding (see rotation.incomplete)")
                .register(registry);
    }

    /**
     * {@value #LAST_SUCCESS_GAUGE}{secret_id, class, owner}: seconds since the last successful rotation,
     * since registration if none. One series per secret, so the set of series follows the store: a
     * Prometheus collector rather than one Micrometer gauge per secret registered ahead of time.
     */
    public Collector lastSuccessCollector() {
        return new Collector() {
            @Override
            public List<MetricFamilySamples> collect() {
                GaugeMetricFamily family = new GaugeMetricFamily(LAST_SUCCESS_GAUGE,
                        "Seconds since the secret's last successful rotation (since its registration if it never rotated)",
                        List.of("secret_id", "class", "owner"));
                Instant now = clock.instant();
                secrets.get().orElse(List.of()).forEach(state -> {
                    Long seconds = state.staleness(now).secondsSinceLastSuccess();
                    if (seconds != null) {
                        family.addMetric(List.of(state.secretId(), labelOf(state, true), labelOf(state, false)), seconds);
                    }
                });
                return List.of(family);
            }
        };
    }

    private double count(Predicate<Staleness> which) {
        Instant now = clock.instant();
        return secrets.get().map(states -> (double) states.stream().map(state -> state.staleness(now)).filter(which).count())
                .orElse(Double.NaN);
    }

    private static String labelOf(SecretState state, boolean secretClass) {
        if (state.registration() == null) {
            return "";
        }
        String value = secretClass ? state.registration().secretClass() : state.registration().owner();
        return value == null ? "" : value;
    }
}
