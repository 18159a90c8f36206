package dev.rotor.audit;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A page as a person's browser shows it: Debian's chromium, headless, run once per URL with a fresh
 * profile, the DOM dumped after the page's scripts ran. The page keeps its whole view in the URL, so
 * loading a URL is the same as the clicks that lead to it.
 */
final class HeadlessChromium {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 60;

    private HeadlessChromium() {
    }

    /** Fails at once, with what to do, where chromium is missing (./rotor test installs it when run as root). */
    static void requireInstalled() {
        if (!Files.isExecutable(CHROMIUM)) {
            fail("The status page test needs Debian's chromium at " + CHROMIUM + ": install it (apt-get install chromium), or run"
                    + " ./rotor test, which installs it when run as root");
        }
    }

    static Document load(String url) throws IOException, InterruptedException {
        requireInstalled();
        Path profile = Files.createTempDirectory("rotor-chromium-");
        Path dom = Files.createTempFile("rotor-page-", ".html");
        try {
            Process chromium = new ProcessBuilder(List.of(CHROMIUM.toString(),
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--user-data-dir=" + profile,
                    // Virtual time runs the page's scripts and waits for its requests, then the DOM is dumped.
                    "--virtual-time-budget=4000", "--dump-dom", url))
                    .redirectOutput(dom.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!chromium.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                chromium.destroyForcibly();
                fail("chromium did not render " + url + " within " + TIMEOUT_SECONDS + " s");
            }
            if (chromium.exitValue() != 0) {
                fail("chromium exited with " + chromium.exitValue() + " rendering " + url);
            }
            return Jsoup.parse(Files.readString(dom, StandardCharsets.UTF_8), url);
        } finally {
            Files.deleteIfExists(dom);
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
