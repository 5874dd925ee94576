package dev.aic.systemtests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real headless browser: Debian's {@code chromium} driven through its {@code chromedriver}, the
 * two packages {@code ./platform test} installs, so the driver always matches the browser and
 * nothing is downloaded (Selenium Manager is never asked, both executables being given).
 */
final class Browser implements AutoCloseable {

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A fresh browser: no cookies, no storage, a window large enough for a whole page. */
    static Browser headless() {
        var options = new ChromeOptions();
        options.setBinary(executable("chromium").toFile());
        // root on the CI machine: Chromium's sandbox needs user namespaces it may not have there
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--window-size=1280,1600",
                "--force-device-scale-factor=1");
        var logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        var service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(executable("chromedriver").toFile())
                        .withLogFile(new File("target/chromedriver.log"))
                        .build();
        return new Browser(new ChromeDriver(service, options));
    }

    ChromeDriver driver() {
        return driver;
    }

    /**
     * The console's errors since the last call (a failed request, an uncaught exception, a
     * Content-Security-Policy violation): what the developer tools would show in red.
     */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** The window as the user sees it, as PNG, into each of the files. */
    void screenshot(Path... files) {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        for (Path file : files) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.write(file, png);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static Path executable(String name) {
        Optional<Path> found =
                Stream.of(
                                System.getenv()
                                        .getOrDefault("PATH", "/usr/bin")
                                        .split(File.pathSeparator))
                        .map(dir -> Path.of(dir, name))
                        .filter(Files::isExecutable)
                        .findFirst();
        return found.orElseThrow(
                () ->
                        new IllegalStateException(
                                "No "
                                        + name
                                        + " on the PATH: ./platform test installs Debian's chromium and"
                                        + " chromium-driver (or apt-get install chromium chromium-driver)"));
    }
}
