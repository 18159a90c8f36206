package dev.rotor.target.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.security.scram.ScramLoginModule;

import dev.rotor.target.Credential;
import dev.rotor.target.Failures;
import dev.rotor.target.LoginResult;
import dev.rotor.target.LoginResult.Status;
import dev.rotor.target.TargetKind;
import dev.rotor.target.TargetSpec;
import dev.rotor.target.Timeouts;
import dev.rotor.target.Violation;

/**
 * Kafka clients' SCRAM credentials. The admin (a SCRAM user allowed ALTER_CONFIGS on the cluster) upserts the
 * account's credential with {@code Admin.alterUserScramCredentials}; a login is a fresh SASL/SCRAM client
 * connection and a metadata request. Host and port are a SASL listener's.
 */
public final class KafkaScramKind implements TargetKind {

    public static final String TYPE = "kafka-scram";
    static final String MECHANISM = "mechanism";
    static final String SECURITY_PROTOCOL = "securityProtocol";
    private static final String DEFAULT_MECHANISM = "SCRAM-SHA-512";
    private static final Set<String> PROTOCOLS = Set.of("SASL_PLAINTEXT", "SASL_SSL");
    /** Kafka's default and minimum for SCRAM-SHA-512. */
    private static final int ITERATIONS = 8192;

    private final Timeouts timeouts;

    public KafkaScramKind(Timeouts timeouts) {
        this.timeouts = timeouts;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> properties() {
        return Set.of(MECHANISM, SECURITY_PROTOCOL);
    }

    @Override
    public List<Violation> validate(TargetSpec target) {
        List<Violation> violations = new ArrayList<>();
        target.property(MECHANISM).filter(m -> !m.equals("SCRAM-SHA-512") && !m.equals("SCRAM-SHA-256")).ifPresent(m ->
                violations.add(new Violation(MECHANISM, "must be SCRAM-SHA-512 or SCRAM-SHA-256")));
        target.property(SECURITY_PROTOCOL).filter(p -> !PROTOCOLS.contains(p)).ifPresent(p ->
                violations.add(new Violation(SECURITY_PROTOCOL, "must be SASL_PLAINTEXT or SASL_SSL")));
        return violations;
    }

    @Override
    public String loginCheck() {
        return "kafka SASL/SCRAM login + metadata request";
    }

    @Override
    public LoginResult login(TargetSpec target, Credential credential) {
        try (Admin admin = Admin.create(clientProperties(target, credential))) {
            admin.describeCluster().clusterId().get(timeouts.io().toMillis(), TimeUnit.MILLISECONDS);
            return LoginResult.accepted();
        } catch (ExecutionException | TimeoutException e) {
            return LoginResult.failed(status(e), describe("login to", target, e, credential.password()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return LoginResult.failed(Status.TIMEOUT, "login to " + target.describe() + " was interrupted");
        }
    }

    @Override
    public void setCredential(TargetSpec target, Credential admin, Credential next) {
        ScramCredentialInfo info = new ScramCredentialInfo(mechanism(target), ITERATIONS);
        String what = "changing the SCRAM credential of '" + next.username() + "' as '" + admin.username() + "' on";
        try (Admin client = Admin.create(clientProperties(target, admin))) {
            client.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(next.username(), info, next.password())))
                    .all().get(timeouts.io().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw Failures.ofChange(status(e), Failures.scrub(describe(what, target, e, next.password()), admin.password()),
                    "check that the admin logs in over SCRAM and may alter the cluster's SCRAM credentials", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failures.ofChange(Status.TIMEOUT, what + " " + target.describe() + " was interrupted", "retry", e);
        }
    }

    private Properties clientProperties(TargetSpec target, Credential credential) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, target.address());
        properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, target.property(SECURITY_PROTOCOL).orElse("SASL_PLAINTEXT"));
        properties.put(SaslConfigs.SASL_MECHANISM, target.property(MECHANISM).orElse(DEFAULT_MECHANISM));
        properties.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(credential));
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeouts.io().toMillis());
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeouts.io().toMillis());
        properties.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, timeouts.connect().toMillis());
        properties.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, timeouts.connect().toMillis());
        // One attempt per login: a refused password must not be retried into a lockout, nor hide behind retries.
        properties.put(AdminClientConfig.RETRIES_CONFIG, 0);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "rotor");
        return properties;
    }

    /** The JAAS line with both values quoted and escaped, so a password cannot end the option early. */
    private static String jaas(Credential credential) {
        return ScramLoginModule.class.getName() + " required username=\"" + escaped(credential.username()) + "\" password=\""
                + escaped(credential.password()) + "\";";
    }

    private static String escaped(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static ScramMechanism mechanism(TargetSpec target) {
        return ScramMechanism.fromMechanismName(target.property(MECHANISM).orElse(DEFAULT_MECHANISM));
    }

    private static Status status(Exception e) {
        if (Failures.causedBy(e, SaslAuthenticationException.class)) {
            return Status.AUTH_FAILED;
        }
        if (Failures.causedBy(e, ClusterAuthorizationException.class)) {
            return Status.PERMISSION;
        }
        // A broker that is not there never answers: the client times out waiting for a node (a retriable error).
        if (e instanceof TimeoutException || Failures.causedBy(e, RetriableException.class)) {
            return Status.UNREACHABLE;
        }
        return Status.OTHER;
    }

    private static String describe(String what, TargetSpec target, Exception e, String password) {
        Throwable cause = Failures.rootCause(e);
        return Failures.scrub(what + " " + target.describe() + " failed: " + cause.getClass().getSimpleName() + ": "
                + cause.getMessage(), password);
    }
}
