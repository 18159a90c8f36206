package dev.rotor.scheduler.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The managed secrets ordered by when they become eligible, so that a tick reads only the secrets
 * that are eligible and not all of them. An entry is recomputed only when its inputs changed:
 * listeners mark secrets as touched (cheap, on their own threads), and the next tick or plan
 * recomputes those before it reads.
 */
final class DueIndex {

    private static final Comparator<SecretSchedule> BY_ELIGIBILITY = Comparator.comparing(SecretSchedule::eligibleAt)
            .thenComparing(SecretSchedule::id);

    private final Set<String> touched = ConcurrentHashMap.newKeySet();
    private final Map<String, SecretSchedule> byId = new HashMap<>();
    private final TreeSet<SecretSchedule> byEligibility = new TreeSet<>(BY_ELIGIBILITY);
    private volatile boolean allTouched;

    void touch(String secretId) {
        touched.add(secretId);
    }

    /** A new policy can change every secret's schedule. */
    void touchAll() {
        allTouched = true;
    }

    /**
     * Recomputes the touched entries with {@code schedule} (empty: the secret is gone) and returns how many.
     * {@code everyId} lists all known secrets, and is read only after {@link #touchAll()}.
     */
    synchronized int refresh(Function<String, Optional<SecretSchedule>> schedule, Iterable<String> everyId) {
        if (allTouched) {
            allTouched = false;
            touched.addAll(byId.keySet());
            everyId.forEach(touched::add);
        }
        int count = 0;
        for (String id : List.copyOf(touched)) {
            touched.remove(id);
            SecretSchedule old = byId.remove(id);
            if (old != null) {
                byEligibility.remove(old);
            }
            schedule.apply(id).ifPresent(entry -> {
                byId.put(id, entry);
                byEligibility.add(entry);
            });
            count++;
        }
        return count;
    }

    /** Every secret eligible at {@code at}, oldest due first. */
    synchronized List<SecretSchedule> eligibleAt(Instant at) {
        List<SecretSchedule> eligible = new ArrayList<>();
        for (SecretSchedule entry : byEligibility) {
            if (entry.eligibleAt().isAfter(at)) {
                break;
            }
            eligible.add(entry);
        }
        eligible.sort(Comparator.comparing(SecretSchedule::dueAt).thenComparing(SecretSchedule::id));
        return eligible;
    }

    synchronized Optional<SecretSchedule> find(String secretId) {
        return Optional.ofNullable(byId.get(secretId));
    }

    synchronized int size() {
        return byId.size();
    }
}
