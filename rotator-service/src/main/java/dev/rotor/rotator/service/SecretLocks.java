package dev.rotor.rotator.service;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * One lock per secret: a request, a verification result and a rollback of the same secret arrive on
 * three channels and would otherwise interleave their reads and writes of the store.
 */
@ApplicationScoped
public class SecretLocks {

    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public void run(String secretId, Runnable work) {
        ReentrantLock lock = locks.computeIfAbsent(secretId, id -> new ReentrantLock());
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }
}
