package dev.rotor.scheduler.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.rotor.scheduler.config.SchedulerConfig.PausePoint;

class FailpointTest {

    private final Logger log = Logger.getLogger(Failpoint.class.getName());
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(String.format(record.getMessage(), record.getParameters()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureWarnings() {
        log.addHandler(capture);
    }

    @AfterEach
    void release() {
        log.removeHandler(capture);
    }

    @TempDir
    Path dir;

    @Test
    void unsetItLetsTheRollbackThrough() {
        new Failpoint((Path) null).reached(PausePoint.BEFORE_ROLLBACK_REQUEST, "r-1");

        assertThat(warnings).isEmpty();
    }

    @Test
    void withoutItsFileItLetsTheRollbackThrough() {
        new Failpoint(dir.resolve("failpoint")).reached(PausePoint.BEFORE_ROLLBACK_REQUEST, "r-1");

        assertThat(warnings).isEmpty();
    }

    @Test
    void armedWhileRunningItStopsTheThreadThereAndSaysSoInTheLineTheCrashTestsWaitFor() throws Exception {
        Path file = dir.resolve("failpoint");
        Failpoint failpoint = new Failpoint(file);
        failpoint.reached(PausePoint.BEFORE_ROLLBACK_REQUEST, "r-1");
        Files.writeString(file, "BEFORE_ROLLBACK_REQUEST\n");
        Thread handler = new Thread(() -> failpoint.reached(PausePoint.BEFORE_ROLLBACK_REQUEST, "r-2"));
        handler.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> handler.getState() == Thread.State.TIMED_WAITING);
        assertThat(warnings).containsExactly("rotor-failpoint: scheduler paused at BEFORE_ROLLBACK_REQUEST rotation=r-2");

        handler.interrupt();
        handler.join(Duration.ofSeconds(10).toMillis());
        assertThat(handler.isAlive()).isFalse();
    }
}
