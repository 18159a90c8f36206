package dev.rotor.scheduler.policy.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import dev.rotor.scheduler.policy.Cadence;
import dev.rotor.scheduler.policy.ClassPolicy;
import dev.rotor.scheduler.policy.Exemption;
import dev.rotor.scheduler.policy.HostRule;
import dev.rotor.scheduler.policy.Limits;
import dev.rotor.scheduler.policy.Rollout;
import dev.rotor.scheduler.policy.RotationMatrix;
import dev.rotor.scheduler.policy.RotationWindow;
import dev.rotor.target.Strategy;

class PolicyParserTest {

    private static final Path EXAMPLE = Path.of("../deploy/policies/rotation-matrix.yaml");
    private static final String FILE = "matrix.yaml";

    @Test
    void theExampleFileReadsAsWritten() throws IOException {
        RotationMatrix matrix = PolicyParser.parse(Files.readString(EXAMPLE), "rotation-matrix.yaml");

        assertThat(matrix.name()).isEqualTo("production");
        assertThat(matrix.limits()).isEqualTo(new Limits(20, 2));
        assertThat(matrix.classes().keySet())
                .containsExactly("database", "cache", "api-key", "monitoring", "certificate", "encryption-key");
        ClassPolicy database = matrix.classes().get("database");
        assertThat(database.owner()).isEqualTo("team-dba");
        assertThat(database.contact()).contains("#dba-oncall");
        assertThat(database.cadence()).contains(new Cadence.Every("P30D", Duration.ofDays(30)));
        assertThat(database.windows()).containsExactly(new RotationWindow(
                EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY),
                LocalTime.of(22, 0), LocalTime.of(4, 0), ZoneId.of("Europe/Berlin")));
        assertThat(database.jitter()).isEqualTo(Duration.ofMinutes(30));
        assertThat(database.maxConcurrent()).isEqualTo(5);
        assertThat(database.scope()).containsExactly("db/*");
        assertThat(database.exemptions()).containsExactly(new Exemption("db/legacy-*",
                "vendor ERP cannot reload credentials before its migration (OPS-1234)", Instant.parse("2027-06-30T00:00:00Z")));
        assertThat(database.emergencyNeedsApproval()).isTrue();
        assertThat(database.rollout()).isEqualTo(new Rollout(2, 10, 0.2, 3));
        assertThat(database.maxConsecutiveFailures()).isEqualTo(3);

        ClassPolicy cache = matrix.classes().get("cache");
        assertThat(cache.windows().get(0).zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(cache.rollout()).isEqualTo(Rollout.ALL_AT_ONCE);
        assertThat(cache.strategy()).contains(Strategy.DUAL_PASSWORDS);
        assertThat(matrix.classes().get("api-key").cadence()).contains(new Cadence.Cron("0 3 * * SUN", ZoneId.of("UTC")));
        assertThat(matrix.classes().get("api-key").emergencyNeedsApproval()).isFalse();
        assertThat(matrix.classes().get("api-key").rollout()).isEqualTo(new Rollout(1, 5, 0.5, 2));
        RotationWindow weekend = matrix.classes().get("encryption-key").windows().get(0);
        assertThat(weekend.start()).isEqualTo(LocalTime.MIDNIGHT);
        assertThat(weekend.end()).isEqualTo(LocalTime.MIDNIGHT);
        assertThat(weekend.days()).containsExactlyInAnyOrder(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);

        assertThat(matrix.secrets().get("db/orders-app").owner()).contains("team-orders");
        assertThat(matrix.secrets().get("db/orders-app").cadence()).contains(new Cadence.Every("P7D", Duration.ofDays(7)));
        assertThat(matrix.secrets().get("db/billing").exemption().map(Exemption::until)).contains(Instant.parse("2027-01-05T00:00:00Z"));
        assertThat(matrix.revision()).hasSize(64).isEqualTo(PolicyParser.revisionOf(Files.readString(EXAMPLE)));
    }

    @Test
    void theSameRulesWrittenDifferentlyAreTheSameMatrix() throws IOException {
        String original = Files.readString(EXAMPLE);
        // Load as plain data and write it back in flow style, without comments: other text, same rules.
        DumperOptions flow = new DumperOptions();
        flow.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
        String rewritten = new Yaml(flow).dump(new Yaml().load(original));
        assertThat(rewritten).isNotEqualTo(original);

        RotationMatrix first = PolicyParser.parse(original, "a.yaml");
        RotationMatrix second = PolicyParser.parse(rewritten, "b.yaml");

        assertThat(second.revision()).isNotEqualTo(first.revision());
        assertThat(second.limits()).isEqualTo(first.limits());
        assertThat(second.classes()).isEqualTo(first.classes());
        assertThat(second.secrets()).isEqualTo(first.secrets());
    }

    @Test
    void everyMistakeIsReportedWithItsLineAndField() {
        String yaml = """
                name: production
                limits:
                  global: 0
                classes:
                  database:
                    cadense: P30D
                    cadence: P1M
                    windows:
                      - days: [MON-FRY]
                        hours: "25:00-04:00"
                    jitter: soon
                    maxConcurrent: -1
                    exemptions:
                      - secrets: db/legacy-*
                        reason: migration
                    rollout:
                      breakerFailureRate: 3
                    emergencySecondApprover: maybe
                  cache:
                    owner: team-platform
                    timezone: Mars/Olympus
                    owner: team-other
                    strategy: two-users
                secrets:
                  "db/*":
                    owner: team-orders
                """;

        PolicyRejectedException rejected = catchThrowableOfType(PolicyRejectedException.class, () -> PolicyParser.parse(yaml, FILE));

        assertThat(rejected.lines()).containsExactly(
                "matrix.yaml:3: limits.global: must be a whole number of at least 1: most rotations in flight at once over all secrets",
                "matrix.yaml:5: classes.database.owner: required: the team that owns this class's secrets, e.g. team-dba",
                "matrix.yaml:6: classes.database.cadense: unknown key: did you mean 'cadence'? allowed here: [adminSecret, allowedHosts, cadence, contact,"
                        + " emergencySecondApprover, exemptions, jitter, maxConcurrent, maxConsecutiveFailures, owner, rollout, scope,"
                        + " strategy, timezone, windows]",
                "matrix.yaml:7: classes.database.cadence: cadence 'P1M' is not an ISO-8601 duration: write days or hours, e.g. P30D or"
                        + " PT12H (months and years, P1M/P1Y, are not fixed lengths: use days, or a cron expression)",
                "matrix.yaml:9: classes.database.windows[0].days: not a day or a range of days: use MON, TUE, WED, THU, FRI, SAT, SUN"
                        + " or a range such as MON-FRI",
                "matrix.yaml:10: classes.database.windows[0].hours: must be local start and end times like 22:00-04:00 (a window"
                        + " that ends before it starts crosses midnight; 00:00-24:00 is the whole day)",
                "matrix.yaml:11: classes.database.jitter: must be an ISO-8601 duration such as PT30M or PT2H: how far to spread start"
                        + " times at random, e.g. PT30M",
                "matrix.yaml:12: classes.database.maxConcurrent: must be a whole number of at least 1: most rotations of this class"
                        + " in flight at once",
                "matrix.yaml:14: classes.database.exemptions[0].until: required: the expiry date, e.g. 2026-06-30 (exempt until that"
                        + " day starts, UTC)",
                "matrix.yaml:17: classes.database.rollout.breakerFailureRate: must be a fraction from 0 to 1, or a percentage: the"
                        + " failed share of a batch that pauses the class, e.g. 0.2",
                "matrix.yaml:18: classes.database.emergencySecondApprover: must be yes or no (true/false): whether an emergency"
                        + " rotation needs a second person's approval",
                "matrix.yaml:21: classes.cache.timezone: unknown time zone: use a region id such as Europe/Berlin, America/New_York"
                        + " or UTC",
                "matrix.yaml:22: classes.cache.owner: duplicate key (first on line 20): the later one would silently win; keep one",
                "matrix.yaml:23: classes.cache.strategy: unknown strategy 'two-users': use one of [single-user, dual-passwords,"
                        + " alternating-users]",
                "matrix.yaml:25: secrets.db/*: an entry here is one secret's exact id, e.g. db/orders-app; to cover several secrets"
                        + " use a class's scope (globs)");
        assertThat(rejected.getMessage()).contains("rejected whole").contains("15 mistakes");
    }

    @Test
    void anAllowedHostThatIsNoRangeAddressOrNameIsAMistakeAtItsLine() {
        String yaml = """
                name: production
                classes:
                  database:
                    owner: team-dba
                    allowedHosts:
                      - 10.20.0.0/16
                      - 10.0.0.0/40
                      - "*.db.example.com"
                """;

        assertThat(catchThrowableOfType(PolicyRejectedException.class, () -> PolicyParser.parse(yaml, FILE)).lines())
                .containsExactly("matrix.yaml:7: classes.database.allowedHosts: '10.0.0.0/40' has a prefix length that is not 0-32");
        assertThat(PolicyParser.parse(yaml.replace("10.0.0.0/40", "192.0.2.7"), FILE).classes().get("database").allowedHosts())
                .extracting(HostRule::text).containsExactly("10.20.0.0/16", "192.0.2.7", "*.db.example.com");
    }

    @Test
    void aFileThatIsNotYamlIsRejectedAtTheLineOfTheSyntaxError() {
        String yaml = "name: production\nclasses:\n  database:\n    owner: [team-dba\n    cadence: P30D\n";

        PolicyRejectedException rejected = catchThrowableOfType(PolicyRejectedException.class, () -> PolicyParser.parse(yaml, FILE));

        assertThat(rejected.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("(syntax)");
            assertThat(v.message()).startsWith("not valid YAML");
            assertThat(v.line()).isGreaterThanOrEqualTo(4);
        });
    }

    @Test
    void missingRequiredPartsAreNamed() {
        assertThat(catchThrowableOfType(PolicyRejectedException.class, () -> PolicyParser.parse("", FILE)).lines())
                .containsExactly("matrix.yaml:1: (file): the file is empty: it needs at least a name and one class"
                        + " (see deploy/policies/rotation-matrix.yaml)");
        assertThat(catchThrowableOfType(PolicyRejectedException.class, () -> PolicyParser.parse("limits: {global: 3}\n", FILE)).lines())
                .containsExactly(
                        "matrix.yaml:1: classes: required: at least one secret class, e.g. classes: {database: {owner: team-dba}}",
                        "matrix.yaml:1: name: required: the policy's name, e.g. production (applying a file replaces the policy in force)");
    }

    @Test
    void aSecretLookingValueOrKeyIsRefusedWithoutRepeatingIt() {
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
        String random = "q8Zr3TxK1vLmN7pWd2YsB5cHf9JgE4uA";
        String yaml = """
                name: production
                classes:
                  database:
                    owner: team-dba
                    contact: "postgres://admin:hunter2@db.example.com/app"
                    password: s3cret
                  api-key:
                    owner: team-integrations
                    contact: "%s"
                secrets:
                  api/stripe:
                    owner: AKIAIOSFODNN7EXAMPLE
                    contact: "%s"
                  api/pem:
                    owner: "-----BEGIN PRIVATE KEY-----"
                """.formatted(jwt, random);

        PolicyRejectedException rejected = catchThrowableOfType(PolicyRejectedException.class, () -> PolicyParser.parse(yaml, FILE));

        assertThat(rejected.lines()).containsExactly(
                "matrix.yaml:5: classes.database.contact: the value looks like a URL with a password: refused; keep credentials in"
                        + " Vault; a policy names owners, cadences and rules, never values",
                "matrix.yaml:6: classes.database.password: a credential field has no place in a policy: remove it; keep credentials"
                        + " in Vault; a policy names owners, cadences and rules, never values",
                "matrix.yaml:9: classes.api-key.contact: the value looks like a JSON web token: refused; keep credentials in Vault;"
                        + " a policy names owners, cadences and rules, never values",
                "matrix.yaml:12: secrets.api/stripe.owner: the value looks like an AWS access key id: refused; keep credentials in"
                        + " Vault; a policy names owners, cadences and rules, never values",
                "matrix.yaml:13: secrets.api/stripe.contact: the value looks like a long random string (a key or a token): refused;"
                        + " keep credentials in Vault; a policy names owners, cadences and rules, never values",
                "matrix.yaml:15: secrets.api/pem.owner: the value looks like a PEM block (key or certificate): refused; keep"
                        + " credentials in Vault; a policy names owners, cadences and rules, never values");
        assertThat(String.join("\n", rejected.lines()) + rejected.getMessage())
                .doesNotContain("hunter2", "s3cret", jwt, random, "AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void ordinaryNamesAreNotMistakenForCredentials() {
        String yaml = """
                name: production
                classes:
                  api-key:
                    owner: team-integrations-and-partner-platforms
                    contact: "https://wiki.example.com/teams/integrations/on-call-rotation"
                    scope: ["api/partner-gateway-production-eu-west-1/*", "api/6f1c2b7e-3a4d-4e5f-8a9b-0c1d2e3f4a5b"]
                """;

        RotationMatrix matrix = PolicyParser.parse(yaml, FILE);

        assertThat(matrix.classes().get("api-key").scope()).hasSize(2);
    }

    @Test
    void aJitterAsLongAsTheCadenceIsRefused() {
        String yaml = """
                name: production
                classes:
                  cache:
                    owner: team-platform
                    cadence: PT1H
                    jitter: PT2H
                """;

        assertThatThrownBy(() -> PolicyParser.parse(yaml, FILE))
                .isInstanceOfSatisfying(PolicyRejectedException.class, e -> assertThat(e.lines()).containsExactly(
                        "matrix.yaml:6: classes.cache.jitter: must be shorter than the cadence (PT1H), or rotations would drift past"
                                + " their due date"));
    }

    @Test
    void windowsAcceptDayNamesListsAndRanges() {
        String yaml = """
                name: p
                classes:
                  cache:
                    owner: team-platform
                    windows:
                      - {days: "FRI-MON", hours: "9:30-11:00"}
                      - {days: [tuesday, Wed], hours: "00:00-24:00"}
                """;

        List<RotationWindow> windows = PolicyParser.parse(yaml, FILE).classes().get("cache").windows();

        assertThat(windows.get(0).days()).containsExactlyInAnyOrder(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY);
        assertThat(windows.get(0).start()).isEqualTo(LocalTime.of(9, 30));
        assertThat(windows.get(0).zone()).isEqualTo(ZoneOffset.UTC);
        assertThat(windows.get(1).days()).containsExactlyInAnyOrder(DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY);
    }
}
