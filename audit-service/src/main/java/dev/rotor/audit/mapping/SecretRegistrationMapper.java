package dev.rotor.audit.mapping;

import org.apache.avro.specific.SpecificRecord;

import dev.rotor.audit.domain.SecretRegistration;
import dev.rotor.schema.SecretRegistered;

/** Reads a secret.registry record into what the staleness needs of it; store and target stay behind. */
public final class SecretRegistrationMapper {

    private SecretRegistrationMapper() {
    }

    public static SecretRegistration fromAvro(SpecificRecord record) {
        if (!(record instanceof SecretRegistered registered)) {
            throw new IllegalArgumentException("A " + record.getSchema().getFullName() + " is not a SecretRegistered;"
                    + " secret.registry holds only SecretRegistered records");
        }
        return new SecretRegistration(registered.getSecretId(), registered.getRegisteredAt(), registered.getSecretClass(),
                registered.getOwner(), registered.getCadence(), registered.getContact(), registered.getMaxAgeSeconds(),
                registered.getExemptUntil(), registered.getExemptReason());
    }
}
