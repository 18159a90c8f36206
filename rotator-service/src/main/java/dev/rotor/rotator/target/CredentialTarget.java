package dev.rotor.rotator.target;

import dev.rotor.rotator.domain.Credential;
import dev.rotor.rotator.domain.LoginResult;
import dev.rotor.rotator.domain.Target;

/** The rotator's side of a kind of target: check that a credential logs in, and change a role's password. */
public interface CredentialTarget {

    String type();

    LoginResult login(Target target, Credential credential);

    /** Sets the role's password, logged in as the admin; throws {@link TargetException} when it could not. */
    void setPassword(Target target, Credential admin, String newPassword);
}
