package dev.rotor.audit.service;

import java.net.URI;

/** Another audit instance holds part of the answer and did not give it. */
public class PeerUnavailableException extends RuntimeException {

    PeerUnavailableException(URI uri, String problem, Throwable cause) {
        super("The audit instance that holds this data did not answer GET " + uri + ": " + problem
                + ". Retry in a few seconds (a rebalance moves data between instances); if it persists, check that instance"
                + " (its /q/health) and that ROTOR_AUDIT_ADVERTISED_HOST is an address the other instances can reach", cause);
    }
}
