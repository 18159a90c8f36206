package dev.rotor.scheduler.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.rotor.scheduler.domain.FieldViolation;
import dev.rotor.scheduler.domain.ManagedSecret;
import dev.rotor.scheduler.domain.StoreLocation;
import dev.rotor.scheduler.store.StoreEntries;
import dev.rotor.target.Strategy;
import dev.rotor.target.TargetKinds;
import dev.rotor.target.TargetSpec;
import dev.rotor.target.Timeouts;

class RegistrationValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    /** Who registers: the caller's principal, which the REST layer passes. */
    private static final String REGISTRANT = "rita";
    private static final String VALID = """
            {"id":"db/orders-app","class":"database","owner":"team-orders","cadence":"P30D",
             "store":{"mount":"secret","path":"db/orders-app"},
             "target":{"type":"postgresql","host":"127.0.0.1","port":5432,"database":"app","role":"orders_app","adminSecret":"admin/pg"}}""";

    /** The entries the store holds: only whether one exists is the scheduler's to know. */
    private final Set<StoreLocation> vault = new HashSet<>(Set.of(new StoreLocation("secret", "db/orders-app"),
            new StoreLocation("secret", "admin/pg")));
    private final StoreEntries store = vault::contains;
    private final RegistrationValidator validator = new RegistrationValidator(store,
            TargetKinds.all(Timeouts.of(Duration.ofSeconds(1))));

    @Test
    void aCompleteRegistrationBecomesAManagedSecretRegisteredByTheCaller() throws Exception {
        ManagedSecret secret = validator.validate(JSON.readTree(VALID), REGISTRANT, NOW);

        assertThat(secret).isEqualTo(new ManagedSecret("db/orders-app", "database", "team-orders", Duration.ofDays(30),
                new StoreLocation("secret", "db/orders-app"),
                new TargetSpec("postgresql", "127.0.0.1", 5432, "orders_app", "admin/pg", Map.of("database", "app")), Strategy.SINGLE_USER,
                REGISTRANT, NOW));
    }

    @Test
    void theDatabaseIsOptionalButPostgresqlNeedsAnAdminSecret() {
        ManagedSecret secret = validator.validate(body(b -> target(b).remove("database")), REGISTRANT, NOW);
        assertThat(secret.target().properties()).isEmpty();

        assertThat(violations(b -> target(b).remove("adminSecret"))).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("target.adminSecret");
            assertThat(v.message()).contains("required for postgresql");
        });
    }

    @Test
    void aStrategyMustBeOneTheTargetsKindCanDo() throws Exception {
        assertThat(validator.validate(JSON.readTree(VALID), REGISTRANT, NOW).strategy()).isEqualTo(Strategy.SINGLE_USER);
        assertThat(violations(b -> b.put("strategy", "dual-passwords"))).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("strategy");
            assertThat(v.message()).contains("postgresql targets rotate with [alternating-users, single-user]");
        });
        assertThat(fieldsAtFault(b -> b.put("strategy", "twice"))).containsExactly("strategy");

        ManagedSecret redis = validator.validate(body(b -> {
            b.put("strategy", "dual-passwords");
            target(b).put("type", "redis").put("port", 6379).remove("database");
        }), REGISTRANT, NOW);
        assertThat(redis.strategy()).isEqualTo(Strategy.DUAL_PASSWORDS);
    }

    @Test
    void alternatingUsersNeedTheSecondAccountAndTheStoreMayHoldEither() {
        assertThat(violations(b -> b.put("strategy", "alternating-users"))).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("target.alternateRole");
            assertThat(v.message()).contains("required for alternating-users");
        });
        assertThat(fieldsAtFault(b -> {
            b.put("strategy", "alternating-users");
            target(b).put("alternateRole", "orders_app");
        })).containsExactly("target.alternateRole");

        ManagedSecret secret = validator.validate(body(b -> {
            b.put("strategy", "alternating-users");
            target(b).put("alternateRole", "orders_app_b");
        }), REGISTRANT, NOW);
        assertThat(secret.strategy()).isEqualTo(Strategy.ALTERNATING_USERS);
        assertThat(secret.target().properties()).containsEntry("alternateRole", "orders_app_b");
    }

    @Test
    void aHostIsAHostNotAUrlOrDriverParameters() {
        assertThat(fieldsAtFault(b -> target(b).put("host", "db.internal/app?sslfactory=x"))).containsExactly("target.host");
        assertThat(fieldsAtFault(b -> target(b).put("host", "jdbc:postgresql://db"))).containsExactly("target.host");
        assertThat(validator.validate(body(b -> target(b).put("host", "db-1.orders.internal")), REGISTRANT, NOW).target().host())
                .isEqualTo("db-1.orders.internal");
    }

    @Test
    void eachMissingOrBlankFieldIsNamed() {
        assertThat(fieldsAtFault(b -> b.remove("id"))).containsExactly("id");
        assertThat(fieldsAtFault(b -> b.put("owner", " "))).containsExactly("owner");
        assertThat(fieldsAtFault(b -> b.remove("class"))).containsExactly("class");
        assertThat(fieldsAtFault(b -> target(b).remove("role"))).containsExactly("target.role");
        assertThat(fieldsAtFault(b -> target(b).remove("host"))).containsExactly("target.host");
        assertThat(fieldsAtFault(b -> ((ObjectNode) b.get("store")).remove("mount"))).containsExactly("store.mount");
        assertThat(fieldsAtFault(b -> b.remove("target"))).containsExactly("target");
    }

    @Test
    void everyMistakeIsReportedAtOnce() {
        assertThat(fieldsAtFault(b -> {
            b.remove("owner");
            b.put("cadence", "monthly");
            target(b).put("port", 0);
            target(b).put("type", "oracle");
        })).containsExactlyInAnyOrder("owner", "cadence", "target.port", "target.type");
    }

    @Test
    void anUnknownTargetTypeNamesTheSupportedOnes() {
        List<FieldViolation> violations = violations(b -> target(b).put("type", "oracle"));

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("target.type");
            assertThat(v.message()).contains("postgresql");
        });
    }

    @Test
    void aPortMustBeAWholeNumberInRange() {
        assertThat(fieldsAtFault(b -> target(b).put("port", 0))).containsExactly("target.port");
        assertThat(fieldsAtFault(b -> target(b).put("port", 65_536))).containsExactly("target.port");
        assertThat(fieldsAtFault(b -> target(b).put("port", "5432"))).containsExactly("target.port");
        assertThat(fieldsAtFault(b -> target(b).put("port", 54.32))).containsExactly("target.port");
    }

    @Test
    void theCadenceMustBeAPositiveIsoDuration() {
        assertThat(fieldsAtFault(b -> b.put("cadence", "30 days"))).containsExactly("cadence");
        assertThat(fieldsAtFault(b -> b.put("cadence", "P3M"))).containsExactly("cadence");
        assertThat(fieldsAtFault(b -> b.put("cadence", "PT0S"))).containsExactly("cadence");
        assertThat(validator.validate(body(b -> b.put("cadence", "PT12H")), REGISTRANT, NOW).cadence()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void theStoreEntryMustExist() {
        vault.remove(new StoreLocation("secret", "db/orders-app"));
        List<FieldViolation> absent = violations(b -> { });
        assertThat(absent).extracting(FieldViolation::field).containsExactly("store.path");
        assertThat(absent.get(0).message()).contains("secret/data/db/orders-app", "username and password");
    }

    @Test
    void theAdminEntryMustExist() {
        vault.remove(new StoreLocation("secret", "admin/pg"));
        assertThat(fieldsAtFault(b -> { })).containsExactly("target.adminSecret");
    }

    @Test
    void aPasswordAnywhereInTheBodyIsRefusedWithoutRepeatingIt() {
        List<FieldViolation> violations = violations(b -> {
            b.put("password", "hunter2-top");
            target(b).put("Password", "hunter2-target");
            ((ObjectNode) b.get("store")).put("api_key", "hunter2-store");
        });

        assertThat(violations).extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("password", "target.Password", "store.api_key");
        assertThat(violations).allSatisfy(v -> assertThat(v.message()).contains("never takes credentials").doesNotContain("hunter2"));
    }

    @Test
    void aValueThatLooksLikeACredentialIsRefusedWithoutRepeatingIt() {
        List<FieldViolation> violations = violations(b -> target(b).put("host", "postgresql://orders_app:hunter2@db:5432/app"));

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("target.host");
            assertThat(v.message()).doesNotContain("hunter2");
        });
    }

    @Test
    void aValueIsJudgedByTheSameShapesAsAPolicyFile() {
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
        List<FieldViolation> violations = violations(b -> {
            target(b).put("role", "AKIAIOSFODNN7EXAMPLE");
            target(b).put("database", "app " + jwt);
            b.put("owner", "team-orders; key -----BEGIN PRIVATE KEY----- pasted");
        });

        assertThat(violations).extracting(FieldViolation::field).containsExactlyInAnyOrder("target.role", "target.database", "owner");
        assertThat(violations).extracting(FieldViolation::message).anySatisfy(m -> assertThat(m).startsWith("the value looks like an AWS"
                + " access key id")).anySatisfy(m -> assertThat(m).startsWith("the value looks like a JSON web token"))
                .anySatisfy(m -> assertThat(m).startsWith("the value looks like a PEM block"))
                .allSatisfy(m -> assertThat(m).doesNotContain("AKIAIOSFODNN7EXAMPLE", jwt, "PRIVATE KEY"));
    }

    @Test
    void unknownFieldsAreNamedSoThatTyposShow() {
        assertThat(fieldsAtFault(b -> b.put("cadance", "P30D"))).containsExactly("cadance");
        assertThat(fieldsAtFault(b -> target(b).put("dbname", "app"))).containsExactly("target.dbname");
    }

    @Test
    void theBodyCannotNameWhoRegisters() {
        // The registrant is the caller: a body that names another is refused rather than silently overruled.
        assertThat(fieldsAtFault(b -> b.put("initiator", "someone-else"))).containsExactly("initiator");
    }

    @Test
    void aSecretIdIsPathLike() {
        assertThat(fieldsAtFault(b -> b.put("id", "/db/orders"))).containsExactly("id");
        assertThat(fieldsAtFault(b -> b.put("id", "db//orders"))).containsExactly("id");
        assertThat(fieldsAtFault(b -> b.put("id", "db/orders app"))).containsExactly("id");
    }

    @Test
    void aBodyThatIsNotAnObjectIsRejected() throws Exception {
        InvalidRequestException rejected = catchThrowableOfType(InvalidRequestException.class,
                () -> validator.validate(JSON.readTree("[]"), REGISTRANT, NOW));

        assertThat(rejected.violations()).extracting(FieldViolation::field).containsExactly("body");
    }

    private List<String> fieldsAtFault(Consumer<ObjectNode> change) {
        return violations(change).stream().map(FieldViolation::field).toList();
    }

    private List<FieldViolation> violations(Consumer<ObjectNode> change) {
        InvalidRequestException rejected = catchThrowableOfType(InvalidRequestException.class,
                () -> validator.validate(body(change), REGISTRANT, NOW));
        assertThat(rejected).as("the registration should have been rejected").isNotNull();
        return rejected.violations();
    }

    private static ObjectNode body(Consumer<ObjectNode> change) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(VALID);
            change.accept(body);
            return body;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode target(ObjectNode body) {
        return (ObjectNode) body.get("target");
    }
}
