package dev.rotor.rotator.lease;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per secret inside this process, so that the threads of one instance queue here instead of
 * racing for the secret's lease in the store. A lock lives only while a thread holds or waits for it:
 * the map holds at most as many entries as there are worker threads.
 */
final class LocalLocks {

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    private final ConcurrentHashMap<String, Entry> locks = new ConcurrentHashMap<>();

    <T> T run(String secretId, Supplier<T> work) {
        Entry entry = locks.compute(secretId, (id, existing) -> {
            Entry e = existing == null ? new Entry() : existing;
            e.users++;
            return e;
        });
        entry.lock.lock();
        try {
            return work.get();
        } finally {
            entry.lock.unlock();
            locks.compute(secretId, (id, e) -> --e.users == 0 ? null : e);
        }
    }

    int size() {
        return locks.size();
    }
}
