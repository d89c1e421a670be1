package dev.mowai.runner.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Debian chromium driven through the Debian chromedriver (both installed by ./mowai test, no
 * downloads), headless, with a throwaway profile that {@link #close()} deletes.
 */
public final class HeadlessChromium implements AutoCloseable {

    /** How long a wait lasts: the machine is shared and components compile on upload, so be patient. */
    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Path profile;
    private final ChromeDriver driver;

    public HeadlessChromium() throws IOException {
        profile = Files.createTempDirectory("mowai-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                // a test may watch two windows at once: neither may be throttled as a background page
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                "--disable-backgrounding-occluded-windows",
                "--user-data-dir=" + profile, "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** A wait of {@link #PATIENCE}: conditions are polled, never timed. */
    public WebDriverWait waiting() {
        return waiting(PATIENCE);
    }

    public WebDriverWait waiting(Duration patience) {
        return new WebDriverWait(driver, patience);
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
