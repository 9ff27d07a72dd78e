package guichet.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;

import guichet.support.Committee;
import guichet.support.GuichetTestContext;
import guichet.support.Guichets;
import guichet.support.TestMailServer;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The committee's pages under load (issue #21; run by {@code bench/pages.sh [N]}): files
 * N applications (default 4,000, four copies each) through the normal intake of a Guichet
 * in this JVM (embedded PostgreSQL, GreenMail), signs in as a committee member, then
 * times, warm, the list (unfiltered, and with a full-text search for a word of half the
 * notes, written without its accent), an application's page and the CSV export of the
 * whole list. Prints one line:
 * {@code pages: N=… list p95 ms=… search p95 ms=… detail p95 ms=… csv ms=…}, after one
 * about an application's page opened from a sorted, filtered list and from a search.
 */
public final class PagesBenchmark {

	private static final int WARM_UP = 20;

	private static final int ROUNDS = 60;

	private PagesBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int count = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
		GreenMail greenMail = TestMailServer.start();
		Committee.MEMBERS.forEach(member -> greenMail.setUser(member, member, "secret"));
		Map<String, Object> settings = new LinkedHashMap<>(GuichetTestContext.settings(greenMail.getImap().getPort(),
				greenMail.getSmtp().getPort(), "target/bench/pages-pg-" + UUID.randomUUID()));
		for (int i = 0; i < Committee.MEMBERS.size(); i++) {
			String prefix = "guichet.mailboxes[" + i + "].";
			settings.put(prefix + "name", "member" + i);
			settings.put(prefix + "protocol", "imap");
			settings.put(prefix + "host", "127.0.0.1");
			settings.put(prefix + "port", greenMail.getImap().getPort());
			settings.put(prefix + "username", Committee.MEMBERS.get(i));
			settings.put(prefix + "password", "secret");
			settings.put(prefix + "poll-interval", "1s");
		}
		settings.put("guichet.acknowledgements.enabled", "false");
		settings.put("server.port", "0");
		settings.put("logging.level.root", "warn");
		ConfigurableApplicationContext guichet = Guichets.start(settings);
		try {
			JdbcClient jdbc = guichet.getBean(JdbcClient.class);
			long started = System.nanoTime();
			BenchApplications applications = new BenchApplications();
			for (int number = 1; number <= count; number++) {
				applications.append(greenMail, applications.copies(number));
			}
			while (jdbc.sql("select count(*) from application where version > 0")
				.query(Integer.class)
				.single() < count) {
				Thread.sleep(500); // a benchmark's main thread, not a test: nothing else
									// to wait with
			}
			System.err.printf("filed %d applications in %d s%n", count, (System.nanoTime() - started) / 1_000_000_000);
			String base = "http://127.0.0.1:" + guichet.getEnvironment().getProperty("local.server.port");
			Session member = new Session(base);
			member.signIn("member", "member");
			List<UUID> ids = jdbc.sql("select id from application where version > 0").query(UUID.class).list();
			var random = new java.util.Random(42);

			double list = p95(() -> member.get("/applications"));
			double search = p95(() -> member.get("/applications?q=velo"));
			double detail = p95(() -> member.get("/applications/" + ids.get(random.nextInt(ids.size()))));
			// previous / next follow the list's order and filters (keyset,
			// desk/ListPlace)
			double sorted = p95(() -> member
				.get("/applications/" + ids.get(random.nextInt(ids.size())) + "?sort=subject&dir=desc&language=fr"));
			double searched = p95(() -> member.get("/applications/" + ids.get(random.nextInt(ids.size())) + "?q=velo"));
			List<Double> csvTimes = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				csvTimes.add(time(() -> member.get("/applications.csv")));
			}
			Collections.sort(csvTimes);
			int csvLines = member.get("/applications.csv").split("\r\n").length - 1;
			if (csvLines != count) {
				throw new IllegalStateException("CSV has " + csvLines + " applications, expected " + count);
			}
			System.out.printf("machine: %d cores, load %s%n", Runtime.getRuntime().availableProcessors(),
					java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
			System.out.printf("detail within a list: sorted by subject, French only p95 ms=%.0f; "
					+ "within a search p95 ms=%.0f%n", sorted, searched);
			System.out.printf("pages: N=%d list p95 ms=%.0f search p95 ms=%.0f detail p95 ms=%.0f csv ms=%.0f%n", count,
					list, search, detail, csvTimes.get(csvTimes.size() / 2));
		}
		finally {
			guichet.close();
			greenMail.stop();
		}
	}

	private static double p95(Supplier<String> request) {
		for (int i = 0; i < WARM_UP; i++) {
			request.get();
		}
		List<Double> times = new ArrayList<>();
		for (int i = 0; i < ROUNDS; i++) {
			times.add(time(request));
		}
		Collections.sort(times);
		return times.get((int) Math.ceil(ROUNDS * 0.95) - 1);
	}

	private static double time(Supplier<String> request) {
		long start = System.nanoTime();
		request.get();
		return (System.nanoTime() - start) / 1e6;
	}

	/** A signed-in browser, as far as cookies go. */
	private static final class Session {

		private final String base;

		private final HttpClient client = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(10))
			.build();

		Session(String base) {
			this.base = base;
		}

		String get(String path) {
			try {
				HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 200) {
					throw new IllegalStateException(path + " answered " + response.statusCode());
				}
				return response.body();
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		void signIn(String username, String password) throws Exception {
			Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(get("/login"));
			if (!token.find()) {
				throw new IllegalStateException("no CSRF token on the sign-in page");
			}
			client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password="
						+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + token.group(1)))
				.build(), HttpResponse.BodyHandlers.discarding());
		}

	}

}
