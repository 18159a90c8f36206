package dev.rotor.scheduler.schedule;

import jakarta.enterprise.context.ApplicationScoped;

import dev.rotor.scheduler.domain.ManagedSecret;
import dev.rotor.scheduler.policy.EffectivePolicy;
import dev.rotor.scheduler.policy.Limits;
import dev.rotor.scheduler.policy.PolicyBook;
import dev.rotor.scheduler.policy.RotationMatrix;

/** The engine's policies: the matrix in force. */
@ApplicationScoped
class PolicyBookSource implements PolicySource {

    private final PolicyBook book;

    PolicyBookSource(PolicyBook book) {
        this.book = book;
    }

    @Override
    public EffectivePolicy policyOf(ManagedSecret secret) {
        return book.policyOf(secret);
    }

    @Override
    public Limits limits() {
        return book.current().limits();
    }

    @Override
    public boolean hasRead(String revision) {
        return book.hasRead(revision);
    }

    @Override
    public String revision() {
        RotationMatrix matrix = book.current();
        return matrix.name() + "@" + matrix.revision();
    }
}
