package dev.rotor.verifier.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The end-to-end crash test waits for this exact line, then kills the verifier while it is held. */
class FailpointTest {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger logger = Logger.getLogger(Failpoint.class.getName());

    @BeforeEach
    void captureLog() {
        logger.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        logger.removeHandler(capture);
    }

    @TempDir
    Path dir;

    @Test
    void unsetItLetsVerificationThrough() {
        new Failpoint((Path) null).duringVerification("rotation-1");

        assertThat(records).isEmpty();
    }

    @Test
    void withoutItsFileItLetsVerificationThrough() {
        new Failpoint(dir.resolve("failpoint")).duringVerification("rotation-1");

        assertThat(records).isEmpty();
    }

    @Test
    void armedWhileRunningItAnnouncesItselfAndHoldsTheVerificationUntilTheProcessDies() throws Exception {
        Path file = dir.resolve("failpoint");
        Failpoint failpoint = new Failpoint(file);
        failpoint.duringVerification("rotation-1");
        Files.writeString(file, "DURING_VERIFICATION\n");
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread verification = new Thread(() -> {
            try {
                failpoint.duringVerification("rotation-42");
            } catch (RuntimeException e) {
                ended.set(e);
            }
        });
        verification.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> verification.getState() == Thread.State.WAITING);
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.WARNING);
            assertThat(formatted(record)).isEqualTo("rotor-failpoint: verifier paused during verification rotation=rotation-42");
        });

        verification.interrupt();
        verification.join();
        assertThat(ended.get()).as("only an interrupt (shutdown) ends the pause, and then nothing is verified")
                .isInstanceOf(IllegalStateException.class);
    }

    private static String formatted(LogRecord record) {
        return record.getParameters() == null || record.getParameters().length == 0
                ? record.getMessage()
                : String.format(record.getMessage(), record.getParameters());
    }
}
