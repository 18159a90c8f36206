package dev.rotor.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.rotor.stack.testing.Ports;
import dev.rotor.target.testing.TargetAccounts;
import dev.rotor.target.testing.TargetAccounts.Account;

/**
 * What every target kind must do against its real server. A kind's test extends this with the kind's
 * {@link TargetAccounts} (which server, how an account is made); the contract does the rest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TargetKindContract {

    /** The real server's accounts; created once per test class, closed after it. */
    protected abstract TargetAccounts accounts();

    @AfterAll
    void removeAccounts() throws Exception {
        accounts().close();
    }

    private TargetKind kind() {
        return accounts().kind();
    }

    private Account newAccount() throws Exception {
        return accounts().newAccount();
    }

    /** The credential that changes {@code account}'s password: the admin's, or its own where the kind needs none. */
    private Credential adminFor(Account account) {
        return accounts().kind().needsAdmin() ? accounts().admin() : account.credential();
    }

    private static String newPassword() {
        return TargetAccounts.newPassword();
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
    void aPrincipalThatMayNotRunTheCheckIsPermissionAndItsPasswordStillCounts() throws Exception {
        Account account = newAccount();
        Optional<Account> locked = accounts().lockedOut(account);
        if (locked.isEmpty()) {
            assertThat(kind().type()).as("only a server without authorization cannot lock an account out").isEqualTo("kafka-scram");
            return;
        }

        LoginResult result = kind().login(locked.get().target(), locked.get().credential());

        assertThat(result.status()).as(result.detail()).isEqualTo(LoginResult.Status.PERMISSION);
        assertThat(result.credentialAccepted()).isTrue();
        assertThat(kind().login(locked.get().target(), new Credential(account.credential().username(), newPassword())).status())
                .isEqualTo(LoginResult.Status.AUTH_FAILED);
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
        for (Strategy strategy : oneAccountStrategies()) {
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
        for (Strategy strategy : oneAccountStrategies()) {
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
    void alternatingUsersChangeOnlyTheInactiveAccountAndEveryDifferentGrantIsNamed() throws Exception {
        if (!kind().strategies().contains(Strategy.ALTERNATING_USERS)) {
            assertThat(kind()).as("a kind that compares accounts offers alternating users").isNotInstanceOf(AccountPrivileges.class);
            return;
        }
        Strategy alternating = Strategy.ALTERNATING_USERS;
        Account active = newAccount();
        Account inactive = newAccount();
        Map<String, String> properties = new TreeMap<>(active.target().properties());
        properties.put(Strategy.ALTERNATE, inactive.credential().username());
        TargetSpec pair = TargetAccounts.on(active.target(), properties);
        String activeUser = active.credential().username();
        String inactiveUser = inactive.credential().username();

        assertThat(alternating.validate(pair)).isEmpty();
        assertThat(alternating.nextAccount(pair, activeUser)).isEqualTo(inactiveUser);
        assertThat(alternating.nextAccount(pair, inactiveUser)).isEqualTo(activeUser);
        assertThat(alternating.privilegeDifferences(kind(), pair, adminFor(active), activeUser, inactiveUser)).isEmpty();

        Credential next = new Credential(inactiveUser, newPassword());
        alternating.apply(kind(), pair, adminFor(active), next);
        assertThat(kind().login(pair, next)).isEqualTo(LoginResult.accepted());
        assertThat(kind().login(pair, active.credential())).as("the active account is never touched").isEqualTo(LoginResult.accepted());
        alternating.revert(kind(), pair, adminFor(active), active.credential(), next);
        assertThat(kind().login(pair, active.credential())).isEqualTo(LoginResult.accepted());

        String grant = accounts().grantOnlyTo(active);
        assertThat(alternating.privilegeDifferences(kind(), pair, adminFor(active), activeUser, inactiveUser))
                .containsExactly(inactiveUser + " lacks " + grant);
    }

    /** The strategies that change one account's passwords: alternating users has its own test. */
    private List<Strategy> oneAccountStrategies() {
        return kind().strategies().stream().filter(s -> s != Strategy.ALTERNATING_USERS).toList();
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
        TargetKinds kinds = new TargetKinds(List.of(kind()));
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

    /** The same target where nothing listens; a kind with more than one port moves them all. */
    protected TargetSpec elsewhere(TargetSpec target) {
        return new TargetSpec(target.type(), "127.0.0.1", Ports.free(), target.account(), target.adminPath(), target.properties());
    }
}
