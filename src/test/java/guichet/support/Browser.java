package guichet.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's Chromium, headless, for the browser tests (issue #21): one browser per test
 * class, with a fresh profile. Without Chromium the tests are skipped with one line
 * saying how to install it; with CI=true they fail instead. {@link #screenshot} saves
 * what the page looks like under target/screenshots/.
 */
public class Browser implements BeforeAllCallback, AfterAllCallback {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private ChromeDriver driver;

	private Path profile;

	public ChromeDriver driver() {
		return this.driver;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!present) {
			String message = "BROWSER TESTS SKIPPED: no Chromium at " + CHROMIUM + " and " + CHROMEDRIVER
					+ " - install it with: sudo apt-get install -y chromium chromium-driver";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException(message.replace("SKIPPED", "CANNOT RUN ON CI"));
			}
			System.err.println(message);
			assumeTrue(false, message);
		}
		this.profile = Files.createTempDirectory("guichet-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1366,1100", "--lang=en-GB",
				"--user-data-dir=" + this.profile);
		options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads().toString(),
				"download.prompt_for_download", false, "intl.accept_languages", "en-GB,en"));
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		if (this.driver != null) {
			this.driver.quit();
		}
		if (this.profile != null) {
			try (var files = Files.walk(this.profile)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
	}

	public Path downloads() {
		return this.profile.resolve("downloads");
	}

	/** Saves the current page as target/screenshots/{name}.png. */
	public void screenshot(String name) {
		try {
			Path directory = Path.of("target", "screenshots");
			Files.createDirectories(directory);
			Files.write(directory.resolve(name + ".png"), this.driver.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * What the pages wrote to the console since the last call: errors here mean a script
	 * ran or failed.
	 */
	public List<LogEntry> consoleLog() {
		return this.driver.manage().logs().get(LogType.BROWSER).getAll();
	}

	static {
		// Selenium Manager would go to the network to look for a driver: Debian's is
		// given explicitly
		System.setProperty("SE_AVOID_STATS", "true");
	}

}
