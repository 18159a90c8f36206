package dev.rotor.target.rabbitmq;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.rotor.target.Credential;
import dev.rotor.target.Failures;
import dev.rotor.target.LoginResult;
import dev.rotor.target.TargetKind;
import dev.rotor.target.TargetSpec;
import dev.rotor.target.Timeouts;
import dev.rotor.target.Violation;

/**
 * RabbitMQ users. The password changes through the management HTTP API (the admin needs the administrator
 * tag; the user's tags are kept), and a login is an AMQP connection to the vhost plus a passive declare of
 * {@code amq.direct}, which every vhost has. Needs the rabbitmq_management plugin on the server.
 */
public final class RabbitmqKind implements TargetKind {

    public static final String TYPE = "rabbitmq";
    static final String VHOST = "vhost";
    static final String MANAGEMENT_PORT = "managementPort";
    private static final String DEFAULT_VHOST = "/";
    private static final int DEFAULT_MANAGEMENT_PORT = 15672;

    private final Timeouts timeouts;
    private final ManagementApi management;

    public RabbitmqKind(Timeouts timeouts) {
        this.timeouts = timeouts;
        this.management = new ManagementApi(timeouts);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> properties() {
        return Set.of(VHOST, MANAGEMENT_PORT);
    }

    @Override
    public List<Violation> validate(TargetSpec target) {
        List<Violation> violations = new ArrayList<>();
        target.property(MANAGEMENT_PORT).filter(port -> !port.matches("[1-9][0-9]{0,4}") || Integer.parseInt(port) > 65_535)
                .ifPresent(port -> violations.add(new Violation(MANAGEMENT_PORT, "must be the management API's TCP port, 1 to 65535,"
                        + " e.g. 15672")));
        return violations;
    }

    @Override
    public String loginCheck() {
        return "amqp login + passive declare of amq.direct";
    }

    @Override
    public LoginResult login(TargetSpec target, Credential credential) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(target.host());
        factory.setPort(target.port());
        factory.setVirtualHost(target.property(VHOST).orElse(DEFAULT_VHOST));
        factory.setUsername(credential.username());
        factory.setPassword(credential.password());
        factory.setConnectionTimeout((int) timeouts.connect().toMillis());
        factory.setHandshakeTimeout((int) timeouts.io().toMillis());
        factory.setAutomaticRecoveryEnabled(false);
        try (Connection connection = factory.newConnection("rotor"); Channel channel = connection.createChannel()) {
            channel.exchangeDeclarePassive("amq.direct");
            return LoginResult.accepted();
        } catch (IOException | TimeoutException | RuntimeException e) {
            return LoginResult.failed(status(e), Failures.scrub("login to " + target.describe() + " failed: "
                    + e.getClass().getSimpleName() + ": " + Failures.rootCause(e).getMessage(), credential.password()));
        }
    }

    @Override
    public void setCredential(TargetSpec target, Credential admin, Credential next) {
        management.setPassword(target, target.property(MANAGEMENT_PORT).map(Integer::parseInt).orElse(DEFAULT_MANAGEMENT_PORT), admin,
                next);
    }

    private static LoginResult.Status status(Exception e) {
        if (e instanceof AuthenticationFailureException) {
            return LoginResult.Status.AUTH_FAILED;
        }
        if (e instanceof TimeoutException || Failures.causedBy(e, SocketTimeoutException.class)) {
            return LoginResult.Status.TIMEOUT;
        }
        if (Failures.causedBy(e, ConnectException.class) || Failures.causedBy(e, UnknownHostException.class)) {
            return LoginResult.Status.UNREACHABLE;
        }
        // ACCESS_REFUSED on the vhost or the declare: the password was accepted, the user may not go there.
        String text = String.valueOf(Failures.rootCause(e).getMessage());
        return text.contains("ACCESS_REFUSED") || text.contains("NOT_ALLOWED") ? LoginResult.Status.PERMISSION : LoginResult.Status.OTHER;
    }
}
