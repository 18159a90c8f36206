package dev.rotor.contract;

import java.util.List;

/**
 * Who may do what through the services' REST APIs: the role names a caller's bearer token carries in its
 * {@code groups} claim. Reading (status, plan, timelines) needs any one of them; each other role adds one kind of
 * change, so that a token can be given exactly the rights its holder needs (a dashboard: viewer; a pipeline that
 * rotates: operator; the team lead who approves emergencies: approver).
 */
public final class Roles {

    /** Reads status, plans, pauses, timelines and the applied policy; registrations without their admin paths. */
    public static final String VIEWER = "viewer";
    /** Rotates, rolls back, pauses and resumes. */
    public static final String OPERATOR = "operator";
    /** Registers secrets and replaces registrations; sees their admin credentials' paths. */
    public static final String REGISTRAR = "registrar";
    /** Approves another person's emergency rotation. */
    public static final String APPROVER = "approver";
    /** Applies a rotation matrix. */
    public static final String POLICY_ADMIN = "policy-admin";
    /** Verifies the audit chain and backfills history. */
    public static final String AUDITOR = "auditor";

    public static final List<String> ALL = List.of(VIEWER, OPERATOR, REGISTRAR, APPROVER, POLICY_ADMIN, AUDITOR);

    private Roles() {
    }
}
