package dev.rotor.scheduler.service;

import jakarta.enterprise.context.ApplicationScoped;

import dev.rotor.schema.RotationReason;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * rotor_rotation_requests_total{reason} and rotor_rollback_requests_total{initiator}. The initiator
 * label is "scheduler" or "operator", not the person's name: a label per user would grow without bound.
 */
@ApplicationScoped
class RequestMetrics {

    static final String SCHEDULER = "scheduler";

    private final MeterRegistry registry;

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void rotationRequested(RotationReason reason) {
        registry.counter("rotor.rotation.requests", "reason", reason.name()).increment();
    }

    void rollbackRequested(String initiator) {
        registry.counter("rotor.rollback.requests", "initiator", SCHEDULER.equals(initiator) ? SCHEDULER : "operator").increment();
    }
}
