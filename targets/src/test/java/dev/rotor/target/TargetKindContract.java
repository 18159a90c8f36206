package dev.rotor.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.rotor.stack.testing.Ports;

/**
 * What every target kind must do against its real server. A kind's test extends this, starts (or
 * finds) the server and says how to create an account; the contract does the rest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TargetKindContract {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** An account on the server, with the target that names it and the password it logs in with now. */
    public record Account(TargetSpec target, Credential credential) {
    }

    protected abstract TargetKind kind();

    /** Creates a new account on the real server, with a password of {@link #newPassword()}. */
    protected abstract Account newAccount() throws Exception;

    /** The credential that changes {@code account}'s password: the admin's, or its own where the kind needs none. */
    protected abstract Credential adminFor(Account account);

    /** What the kind's generated passwords look like: long and random, so that a leak is unmistakable. */
    protected static String newPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return "Rt" + HexFormat.of().formatHex(bytes);
    }

    @Test
    void aFreshLoginWithTheAccountsPasswordIsAccepted() throws Exception {
        Account account = newAccount();

        assertThat(kind().login(account.target(), account.credential())).isEqualTo(LoginResult.accepted());
    }

    @Test
    void aWrongPasswordIsRefusedAndTheDetailNeverHoldsIt() throws Exception {
        Account account = newAccount();
        String wrong = newPassword();

        LoginResult result = kind().login(account.target(), new Credential(account.credential().username(), wrong));

        assertThat(result.status()).isEqualTo(LoginResult.Status.AUTH_FAILED);
        assertThat(result.detail()).contains(account.target().account()).doesNotContain(wrong);
    }

    @Test
    void aTargetThatDoesNotListenIsUnreachableNotRefused() throws Exception {
        Account account = newAccount();

        LoginResult result = kind().login(elsewhere(account.target()), account.credential());

        assertThat(result.noAnswer()).as(result.toString()).isTrue();
        assertThat(result.detail()).doesNotContain(account.credential().password());
    }

    @Test
    void setGivesTheAccountTheNewPasswordAndTheOldOneStopsWorking() throws Exception {
        Account account = newAccount();
        Credential next = new Credential(account.credential().username(), newPassword());

        kind().setCredential(account.target(), adminFor(account), next);

        assertThat(kind().login(account.target(), next).isAccepted()).isTrue();
        assertThat(kind().login(account.target(), account.credential()).status()).isEqualTo(LoginResult.Status.AUTH_FAILED);
    }

    @Test
    void settingTheSamePasswordAgainChangesNothing() throws Exception {
        Account account = newAccount();
        Credential next = new Credential(account.credential().username(), newPassword());
        kind().setCredential(account.target(), adminFor(account), next);
        kind().setCredential(account.target(), adminForAfter(account, next), next);

        assertThat(kind().login(account.target(), next).isAccepted()).isTrue();
    }

    @Test
    void aRollbackSetsThePreviousPasswordBack() throws Exception {
        Account account = newAccount();
        Credential previous = account.credential();
        Credential next = new Credential(previous.username(), newPassword());
        kind().setCredential(account.target(), adminFor(account), next);
        kind().setCredential(account.target(), adminForAfter(account, next), previous);

        assertThat(kind().login(account.target(), previous).isAccepted()).isTrue();
        assertThat(kind().login(account.target(), next).status()).isEqualTo(LoginResult.Status.AUTH_FAILED);
    }

    @Test
    void everyStrategyMakesTheNewPasswordWorkAndRetiresTheOldOnlyAfterPromotion() throws Exception {
        for (Strategy strategy : kind().strategies()) {
            Account account = newAccount();
            Credential current = account.credential();
            Credential next = new Credential(current.username(), newPassword());

            strategy.apply(kind(), account.target(), adminFor(account), next);
            assertThat(kind().login(account.target(), next).isAccepted()).as(strategy.id()).isTrue();
            assertThat(kind().login(account.target(), current).isAccepted()).as(strategy.id() + ": old password before promotion")
                    .isEqualTo(strategy != Strategy.SINGLE_USER);

            strategy.retire(kind(), account.target(), adminForAfter(account, next), current);
            strategy.retire(kind(), account.target(), adminForAfter(account, next), current);
            assertThat(kind().login(account.target(), next).isAccepted()).as(strategy.id()).isTrue();
            assertThat(kind().login(account.target(), current).status()).as(strategy.id() + ": old password after retiring")
                    .isEqualTo(LoginResult.Status.AUTH_FAILED);
        }
    }

    @Test
    void everyStrategyRevertsToTheCurrentPasswordAlone() throws Exception {
        for (Strategy strategy : kind().strategies()) {
            Account account = newAccount();
            Credential current = account.credential();
            Credential next = new Credential(current.username(), newPassword());

            strategy.apply(kind(), account.target(), adminFor(account), next);
            strategy.revert(kind(), account.target(), adminForAfter(account, next), current, next);
            strategy.revert(kind(), account.target(), adminForAfter(account, current), current, next);

            assertThat(kind().login(account.target(), current).isAccepted()).as(strategy.id()).isTrue();
            assertThat(kind().login(account.target(), next).status()).as(strategy.id()).isEqualTo(LoginResult.Status.AUTH_FAILED);
        }
    }

    @Test
    void aChangeWithAWrongAdminCredentialIsRefusedForGoodAndLeaksNeither() throws Exception {
        Account account = newAccount();
        Credential wrongAdmin = new Credential(adminFor(account).username(), newPassword());
        Credential next = new Credential(account.credential().username(), newPassword());

        assertThatThrownBy(() -> kind().setCredential(account.target(), wrongAdmin, next))
                .isInstanceOf(TargetRefused.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrongAdmin.password()).doesNotContain(next.password()));
        assertThat(kind().login(account.target(), account.credential()).isAccepted()).isTrue();
    }

    @Test
    void aChangeThatCannotReachTheTargetMayBeRetried() throws Exception {
        Account account = newAccount();
        Credential next = new Credential(account.credential().username(), newPassword());

        assertThatThrownBy(() -> kind().setCredential(elsewhere(account.target()), adminFor(account), next))
                .isInstanceOf(TargetUnavailable.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(next.password()));
    }

    @Test
    void aWellFormedTargetPassesValidationAndAnUnknownPropertyIsNamed() throws Exception {
        Account account = newAccount();
        TargetKinds kinds = new TargetKinds(java.util.List.of(kind()));
        Map<String, String> withUnknown = new TreeMap<>(account.target().properties());
        withUnknown.put("sslfactory", "x");
        TargetSpec target = account.target();

        assertThat(kinds.validate(target)).isEmpty();
        assertThat(kinds.validate(new TargetSpec(target.type(), target.host(), target.port(), target.account(), target.adminPath(),
                withUnknown))).extracting(Violation::field).containsExactly("sslfactory");
        assertThat(kinds.validate(new TargetSpec(target.type(), "db?user=x", target.port(), target.account(), target.adminPath(),
                target.properties()))).extracting(Violation::field).containsExactly("host");
    }

    /** The admin credential once the account holds {@code now}: the account's own where it changes its own. */
    private Credential adminForAfter(Account account, Credential now) {
        Credential admin = adminFor(account);
        return admin.username().equals(now.username()) ? now : admin;
    }

    /** The same target on a port nothing listens on. */
    private static TargetSpec elsewhere(TargetSpec target) {
        return new TargetSpec(target.type(), "127.0.0.1", Ports.free(), target.account(), target.adminPath(), target.properties());
    }
}
