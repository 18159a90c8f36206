package dev.rotor.stack.bus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * SCRAM-SHA-512 users of the broker, made by its administrator: Rotor's own principals and the application users
 * that the kafka-scram target kind rotates. SCRAM credentials are cluster-wide; the ACLs decide what a user may do.
 */
public final class ScramUsers {

    private static final int ITERATIONS = 8192;
    private static final long TIMEOUT_SECONDS = 30;
    private static final ResourcePattern CLUSTER = new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL);

    private final Map<String, Object> administrator;

    public ScramUsers(Map<String, Object> administrator) {
        this.administrator = administrator;
    }

    /** Creates the users or resets their passwords. */
    public void upsert(Map<String, String> passwordByUser) {
        List<UserScramCredentialAlteration> upsertions = passwordByUser.entrySet().stream()
                .<UserScramCredentialAlteration>map(user -> upsertion(user.getKey(), user.getValue())).toList();
        run("create the SCRAM users " + passwordByUser.keySet(),
                admin -> admin.alterUserScramCredentials(upsertions).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }

    /** Lets {@code user} alter other users' SCRAM credentials, as the kafka-scram kind's admin login must. */
    public void allowCredentialChanges(String user) {
        run("let " + user + " alter SCRAM credentials", admin -> admin.createAcls(List.of(AclOperation.ALTER, AclOperation.DESCRIBE).stream()
                .map(operation -> new AclBinding(CLUSTER, new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW)))
                .toList()).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }

    private static UserScramCredentialUpsertion upsertion(String user, String password) {
        return new UserScramCredentialUpsertion(user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), password);
    }

    private void run(String what, AdminCall call) {
        try (Admin admin = Admin.create(administrator)) {
            call.on(admin);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not " + what + " on Kafka at " + administrator.get("bootstrap.servers") + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while trying to " + what, e);
        }
    }

    private interface AdminCall {
        void on(Admin admin) throws ExecutionException, TimeoutException, InterruptedException;
    }
}
