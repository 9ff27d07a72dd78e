package guichet.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import guichet.startup.NamedProviders;
import guichet.outbox.Outbox;
import guichet.postgres.EmbeddedServer;
import guichet.support.Committee;
import guichet.support.TestMailServer;

/**
 * The ingestion benchmark (issue #7; run by {@code bench/ingest.sh [N]}). In this JVM: a
 * GreenMail server with the four committee mailboxes and the shared one, and an embedded
 * PostgreSQL (zonky, with fsync off unless {@code --durable} asks for the settings of
 * Guichet's own embedded server: fsync, synchronous_commit, full_page_writes). Guichet
 * runs as its own process, {@code java -Xmx512m -jar target/guichet.jar}, polling every
 * mailbox.
 * <ol>
 * <li>Burst: Guichet runs and has polled every (empty) mailbox once; then N applications
 * (4N messages) are put in the mailboxes as fast as GreenMail takes them; throughput is
 * 4N divided by the time from the first poll that found mail
 * ({@code min(message.fetched_at)}) to the last message stored.</li>
 * <li>Paced: more applications arrive one message at a time at a steady rate; latency is
 * from each message's arrival in its mailbox to its {@code message.processed_at}.</li>
 * <li>Memory: peak heap (GC log, before each collection), heap after a full GC at the
 * end, peak RSS (VmHWM).</li>
 * <li>List: {@code GET /api/applications} three times as a committee member, once every
 * application is stored.</li>
 * <li>Floor: {@link IngestFloor}, the unavoidable work for the same N applications, in a
 * JVM with the same options, cold as Guichet is when the burst arrives (the ratio), then
 * warm.</li>
 * </ol>
 * Options: {@code --poll=1s} (Guichet's poll interval), {@code --paced=100} (applications
 * in the paced phase), {@code --rate=…} (their messages per second; default half the
 * burst's), {@code --jvm="…"} (JVM options for Guichet and the floor; default those of
 * the Docker image, {@link #IMAGE_JVM_OPTIONS}; {@code --jvm=} for the JVM's own
 * defaults), {@code --jfr} (record target/bench/*.jfr), {@code --pgstat} (PostgreSQL's
 * time per statement), {@code --pgplans=MS} (the plans of statements slower than MS ms,
 * as they ran), {@code --out=bench/results/latest.json}, {@code --jar=target/guichet.jar}
 * (bench/ingest.sh passes the extracted one), {@code --cold-mail-server} (no
 * {@link MailServerWarmUp}), {@code --photo-kb=K} (a K KB photo with every application,
 * for mails the size of real ones: a memory check, without a floor).
 */
public final class IngestBenchmark {

	private static final Pattern FIRST_POLL = Pattern.compile("Start-up to first poll of every mailbox: (\\d+) ms");

	/**
	 * The start-up report's line that names the API, for the committee's list of
	 * applications.
	 */
	private static final Pattern API = Pattern.compile("API: (http://\\S+)/api/applications");

	/**
	 * A committee member's account for reading the list, with a password of this run
	 * only.
	 */
	private static final String READER = "bench-reader";

	private static final String READER_PASSWORD = UUID.randomUUID().toString();

	private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

	private final Map<String, String> options;

	private final int applications;

	private final Path work = Path.of("target", "bench");

	private IngestBenchmark(int applications, Map<String, String> options) {
		this.applications = applications;
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		// GreenMail parses every message it is given: without this, a ServiceLoader scan
		// per part
		NamedProviders.install();
		int applications = 1000;
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			if (arg.startsWith("--")) {
				String[] pair = arg.substring(2).split("=", 2);
				options.put(pair[0], pair.length > 1 ? pair[1] : "true");
			}
			else {
				applications = Integer.parseInt(arg);
			}
		}
		System.exit(new IngestBenchmark(applications, options).run());
	}

	private String option(String name, String otherwise) {
		return this.options.getOrDefault(name, otherwise);
	}

	private int run() throws Exception {
		// GreenMail and zonky narrate every user and connection; the figures are what
		// matters here
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
			.setLevel(ch.qos.logback.classic.Level.WARN);
		Files.createDirectories(this.work);
		Map<String, Object> results = new LinkedHashMap<>();
		results.put("applications", this.applications);
		results.put("messages", 4 * this.applications);
		results.put("cores", Runtime.getRuntime().availableProcessors());
		results.put("loadBefore", loadAverage());
		String pollInterval = option("poll", "1s");
		int pacedApplications = Integer.parseInt(option("paced", "100"));
		results.put("pollInterval", pollInterval);
		results.put("jvmOptions", "-Xmx512m " + String.join(" ", jvmOptions()));
		results.put("jar", option("jar", "target/guichet.jar"));
		results.put("classDataArchive", (classDataArchive() != null) ? classDataArchive().toString() : null);
		// --durable: the settings Guichet's embedded PostgreSQL runs with by default
		// (issue #18); without it, zonky's
		// test settings, as guichet.embedded.durable=false gives
		boolean durable = this.options.containsKey("durable");
		results.put("durable", durable);
		results.put("database", "zonky embedded PostgreSQL started by the driver, "
				+ (durable ? EmbeddedServer.DURABLE : EmbeddedServer.NOT_DURABLE));
		int photoKilobytes = Integer.parseInt(option("photo-kb", "0"));
		if (photoKilobytes > 0) {
			results.put("photoKilobytesPerApplication", photoKilobytes);
		}

		// a data directory of its own, whose postmaster.pid names the postmaster for
		// CpuTimes
		Path dataDirectory = this.work.resolve("pgdata");
		var database = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(true);
		(durable ? EmbeddedServer.DURABLE : EmbeddedServer.NOT_DURABLE).forEach(database::setServerConfig);
		// --pgstat: time per statement; --pgplans=MS: the plan of every statement slower
		// than MS ms, as it ran (the
		// plan a connection cached may differ from one EXPLAIN shows afterwards), to
		// target/bench/postgres-log
		List<String> libraries = new ArrayList<>();
		if (this.options.containsKey("pgstat")) {
			libraries.add("pg_stat_statements");
		}
		if (this.options.containsKey("pgplans")) {
			libraries.add("auto_explain");
			database.setServerConfig("auto_explain.log_min_duration", option("pgplans", "10"));
			database.setServerConfig("auto_explain.log_analyze", "on");
			database.setServerConfig("auto_explain.log_buffers", "on");
			database.setServerConfig("logging_collector", "on");
			database.setServerConfig("log_directory", this.work.resolve("postgres-log").toAbsolutePath().toString());
		}
		if (!libraries.isEmpty()) {
			database.setServerConfig("shared_preload_libraries", String.join(",", libraries));
		}
		try (EmbeddedPostgres postgres = database.start()) {
			long postmaster = Long
				.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
			String url = postgres.getJdbcUrl("postgres", "postgres");
			GreenMail greenMail = TestMailServer.start();
			Committee.MAILBOXES.forEach(mailbox -> greenMail.setUser(mailbox, mailbox, Committee.PASSWORD));
			try {
				log("generating %d applications", this.applications);
				var burst = new BenchApplications(photoKilobytes);
				List<BenchApplications.Copy> copies = new ArrayList<>();
				for (int number = 1; number <= this.applications; number++) {
					copies.addAll(burst.copies(number));
				}
				var paced = new BenchApplications(photoKilobytes);
				List<List<BenchApplications.Copy>> pacedCopies = new ArrayList<>();
				for (int number = this.applications + 1; number <= this.applications + pacedApplications; number++) {
					pacedCopies.add(paced.copies(number));
				}

				// as a production mail server is: warm (--cold-mail-server to measure
				// without)
				boolean warmMailServer = !this.options.containsKey("cold-mail-server");
				results.put("mailServerWarmedUp", warmMailServer);
				if (warmMailServer) {
					log("warming the mail server up");
					MailServerWarmUp.run(greenMail, copies);
				}
				// as in issue #7 and in production: Guichet runs, polling empty
				// mailboxes, when the burst arrives
				log("starting Guichet");
				var guichet = new GuichetProcess(startGuichet(url, greenMail, pollInterval));
				var check = new IngestCheck(new org.springframework.jdbc.datasource.SimpleDriverDataSource(
						new org.postgresql.Driver(), url));
				guichet.started.get(180, TimeUnit.SECONDS);
				guichet.firstPoll.get(180, TimeUnit.SECONDS);
				// commits per message: with --durable each one waits for the disk (group
				// commit shares a flush)
				long commitsBefore = commits(postgres.getPostgresDatabase());
				CpuTimes cpuBefore = CpuTimes.now(guichet.process.pid(), postmaster);
				Map<String, Double> threadsBefore = CpuTimes.byThread(guichet.process.pid());
				Map<String, Double> mailThreadsBefore = CpuTimes.byThread(ProcessHandle.current().pid());
				log("burst: putting %d messages in the mailboxes", 4 * this.applications);
				long loadStarted = System.currentTimeMillis();
				burst.append(greenMail, copies);
				long loadSeconds = System.currentTimeMillis() - loadStarted;
				copies = null;
				long expected = 4L * this.applications;
				waitFor(check, expected, guichet);
				CpuTimes cpu = CpuTimes.now(guichet.process.pid(), postmaster).minus(cpuBefore);
				results.put("burstCommitsPerMessage",
						round((commits(postgres.getPostgresDatabase()) - commitsBefore) / (double) expected));
				if (this.options.containsKey("pgstat")) {
					writeStatements(postgres.getPostgresDatabase());
				}
				// which of Guichet's threads used the CPU: during start-up, then during
				// the burst
				Map<String, Double> threadsAfter = CpuTimes.byThread(guichet.process.pid());
				Files.write(this.work.resolve("guichet-threads.txt"),
						threadsAfter.entrySet()
							.stream()
							.map(entry -> String.format(Locale.ROOT, "%8.1f s start-up %8.1f s burst  %s",
									threadsBefore.getOrDefault(entry.getKey(), 0.0),
									entry.getValue() - threadsBefore.getOrDefault(entry.getKey(), 0.0), entry.getKey()))
							.toList());
				// the same for this JVM, which runs GreenMail (and puts the burst in)
				Map<String, Double> mailThreadsAfter = CpuTimes.byThread(ProcessHandle.current().pid());
				Files.write(this.work.resolve("mail-server-threads.txt"), mailThreadsAfter.entrySet()
					.stream()
					.map(entry -> Map.entry(entry.getKey(),
							entry.getValue() - mailThreadsBefore.getOrDefault(entry.getKey(), 0.0)))
					.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
					.map(entry -> String.format(Locale.ROOT, "%8.1f s burst  %s", entry.getValue(), entry.getKey()))
					.toList());
				// from the first poll that found mail to the last message stored
				long firstPoll = check.firstFetchedAt();
				long lastStored = check.lastProcessedAt();
				double seconds = (lastStored - firstPoll) / 1000.0;
				results.put("burstSeconds", seconds);
				results.put("msgsPerSecond", round(expected / seconds));
				results.put("applicationsPerSecond", round(this.applications / seconds));
				results.put("secondsToPutTheBurstInTheMailboxes", loadSeconds / 1000.0);
				results.put("secondsFromFirstMessageInAMailboxToLastStored", (lastStored - loadStarted) / 1000.0);
				// where the burst's time went: messages stored in each tenth of it, and
				// when each mailbox was done
				int[] byTenth = new int[10];
				Map<String, Double> mailboxDone = new TreeMap<>();
				for (IngestCheck.Stored stored : check.stored()) {
					double at = (stored.processedAt() - firstPoll) / 1000.0;
					byTenth[Math.min(9, Math.max(0, (int) (at / seconds * 10)))]++;
					mailboxDone.merge(stored.mailbox(), at, Math::max);
				}
				results.put("burstStoredByTenth", Arrays.toString(byTenth));
				results.put("burstMailboxDoneSeconds", mailboxDone.toString());
				Map<String, Double> mailboxFirst = new TreeMap<>();
				check.firstFetchedAtByMailbox()
					.forEach((mailbox, at) -> mailboxFirst.put(mailbox, (at - firstPoll) / 1000.0));
				results.put("burstMailboxFirstRecordedSeconds", mailboxFirst.toString());
				List<Long> burstLatencies = latencies(check, burst);
				results.put("burstLatencyP50Ms", percentile(burstLatencies, 50));
				results.put("burstLatencyMaxMs",
						burstLatencies.isEmpty() ? null : burstLatencies.get(burstLatencies.size() - 1));
				log("burst: %d messages in %.1f s: %.1f msgs/s", expected, seconds, expected / seconds);
				results.put("burstCpuSeconds",
						String.format(Locale.ROOT, "guichet %.1f, mail server %.1f, postgres %.1f, of %.1f available",
								cpu.guichet(), cpu.mailServer(), cpu.postgres(),
								(System.currentTimeMillis() - loadStarted) / 1000.0
										* Runtime.getRuntime().availableProcessors()));
				log("burst CPU seconds: %s", results.get("burstCpuSeconds"));

				// steady arrivals at half the measured capacity: latency of a Guichet
				// that keeps up, not of a queue
				double pacedRate = this.options.containsKey("rate") ? Double.parseDouble(option("rate", null))
						: Math.max(1, Math.round(expected / seconds / 2));
				log("paced: %d applications at %.0f msgs/s", pacedApplications, pacedRate);
				long pacedStart = System.currentTimeMillis();
				long sent = 0;
				for (List<BenchApplications.Copy> application : pacedCopies) {
					for (BenchApplications.Copy copy : application) {
						for (String mailbox : copy.mailboxes()) {
							long due = pacedStart + (long) (sent * 1000 / pacedRate);
							Thread.sleep(Math.max(0, due - System.currentTimeMillis()));
							paced.append(greenMail, List
								.of(new BenchApplications.Copy(copy.messageId(), List.of(mailbox), copy.raw())));
							sent++;
						}
					}
				}
				waitFor(check, expected + sent, guichet);
				List<Long> latencies = latencies(check, paced);
				results.put("pacedMessages", latencies.size());
				results.put("pacedRate", pacedRate);
				results.put("latencyP50Ms", percentile(latencies, 50));
				results.put("latencyP95Ms", percentile(latencies, 95));
				results.put("latencyMaxMs", latencies.isEmpty() ? null : latencies.get(latencies.size() - 1));

				String problems = check.problems(this.applications + pacedApplications);
				results.put("correct", problems == null);
				if (problems != null) {
					log("NOT CORRECT: %s", problems);
				}
				// Guichet started on the database and mail server of the benchmark
				// (bench/startup.sh measures the embedded defaults)
				results.put("startupToFirstPollOfEveryMailboxMs", guichet.firstPollMs);
				// the intake's peaks, before the list below allocates its own
				results.put("peakHeapMB", peakHeapMegabytes());
				results.put("peakRssMB", guichet.peakRssMegabytes());
				// what a committee member waits for the list of every application, as the
				// API serves it (3 times)
				listApplications(guichet, this.applications + pacedApplications, results);
				results.put("heapAfterRunMB", heapAfterFullGc(guichet.process.pid()));
				results.put("loadDuring", loadAverage());
				results.put("outOfMemoryErrors",
						Files.readString(this.work.resolve("guichet.log")).split("OutOfMemoryError", -1).length - 1);
				guichet.process.destroy();
				guichet.process.waitFor(60, TimeUnit.SECONDS);
			}
			finally {
				greenMail.stop();
			}

			if (photoKilobytes > 0) {
				// a memory check: the floor holds the whole burst in memory, and compares
				// only with the note-sized mails
				log("no floor with --photo-kb");
				results.put("loadAfter", loadAverage());
				writeJson(results);
				System.out.printf(Locale.ROOT, "ingest: N=%d photo KB=%d msgs/s=%.1f p95 ms=%s heap MB=%s rss MB=%s%n",
						this.applications, photoKilobytes, results.get("msgsPerSecond"), results.get("latencyP95Ms"),
						results.get("peakHeapMB"), results.get("peakRssMB"));
				return Boolean.TRUE.equals(results.get("correct")) ? 0 : 1;
			}
			log("floor");
			Floor floor = floor(url);
			double measured = (Double) results.get("msgsPerSecond");
			results.put("floorMsgsPerSecond", round(floor.cold()));
			results.put("ratio", Math.round(measured / floor.cold() * 100) / 100.0);
			results.put("warmFloorMsgsPerSecond", round(floor.warm()));
			results.put("ratioToWarmFloor", Math.round(measured / floor.warm() * 100) / 100.0);
		}
		results.put("loadAfter", loadAverage());
		writeJson(results);
		System.out.printf(Locale.ROOT,
				"ingest: N=%d durable=%s msgs/s=%.1f commits/msg=%s floor msgs/s=%.1f ratio=%.2f"
						+ " p95 ms=%s heap MB=%s rss MB=%s%n",
				this.applications, durable, results.get("msgsPerSecond"), results.get("burstCommitsPerMessage"),
				results.get("floorMsgsPerSecond"), results.get("ratio"), results.get("latencyP95Ms"),
				results.get("peakHeapMB"), results.get("peakRssMB"));
		return Boolean.TRUE.equals(results.get("correct")) ? 0 : 1;
	}

	/**
	 * guichet.jsa beside the jar, written by bench/extracted-jar.sh's training run, or
	 * null.
	 */
	private Path classDataArchive() {
		Path archive = Path.of(option("jar", "target/guichet.jar")).resolveSibling("guichet.jsa");
		return Files.isRegularFile(archive) ? archive : null;
	}

	private Process startGuichet(String url, GreenMail greenMail, String pollInterval) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(javaCommand(), "-Xmx512m", "-Xlog:gc:file=" + this.work.resolve("gc.log"), "-jar",
						option("jar", "target/guichet.jar"), "--spring.datasource.url=" + url, "--server.port=0",
						"--guichet.smtp.host=127.0.0.1", "--guichet.smtp.port=" + greenMail.getSmtp().getPort(),
						"--guichet.security.users[0].username=" + READER,
						"--guichet.security.users[0].password={noop}" + READER_PASSWORD,
						"--guichet.security.users[0].role=COMMITTEE"));
		// after -Xmx512m, so that --jvm="-Xmx…" can change the heap, as it does for the
		// floor
		command.addAll(2, jvmOptions());
		// the classes a start-up loads, archived beside the extracted jar as the image's
		// build does (Guichet only:
		// the floor's class path is another one)
		Path archive = classDataArchive();
		if (archive != null) {
			command.add(2, "-XX:SharedArchiveFile=" + archive);
		}
		if (this.options.containsKey("jfr")) {
			command.add(1,
					"-XX:StartFlightRecording=filename=" + this.work.resolve("guichet.jfr") + ",settings=profile");
		}
		for (int i = 0; i < Committee.MEMBERS.size(); i++) {
			command.add("--guichet.committee[" + i + "]=" + Committee.MEMBERS.get(i));
		}
		for (int i = 0; i < Committee.MAILBOXES.size(); i++) {
			String mailbox = Committee.MAILBOXES.get(i);
			String prefix = "--guichet.mailboxes[" + i + "].";
			command.addAll(List.of(prefix + "name=" + mailbox, prefix + "protocol=imap", prefix + "host=127.0.0.1",
					prefix + "port=" + greenMail.getImap().getPort(), prefix + "username=" + mailbox,
					prefix + "password=" + Committee.PASSWORD, prefix + "poll-interval=" + pollInterval));
		}
		Files.deleteIfExists(this.work.resolve("gc.log"));
		return new ProcessBuilder(command).redirectErrorStream(true).start();
	}

	/**
	 * Guichet's process, its log copied to target/bench/guichet.log and watched for
	 * start-up, its RSS sampled.
	 */
	private final class GuichetProcess {

		final Process process;

		final CompletableFuture<Long> started = new CompletableFuture<>();

		/** Every mailbox polled once, before the burst. */
		final CompletableFuture<Long> firstPoll = new CompletableFuture<>();

		volatile Long firstPollMs;

		/** Where its API answers, from the start-up report. */
		volatile String apiBase;

		GuichetProcess(Process process) {
			this.process = process;
			var copier = new Thread(this::copyLog, "guichet-log");
			copier.setDaemon(true);
			copier.start();
		}

		private void copyLog() {
			try (var in = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
					var out = new PrintWriter(Files.newBufferedWriter(work.resolve("guichet.log")), true)) {
				for (String line; (line = in.readLine()) != null;) {
					out.println(line);
					// Camel starts the routes, which poll at once, just before Spring
					// reports the start
					if (line.contains("Started Guichet in")) {
						this.started.complete(System.currentTimeMillis());
					}
					Matcher api = API.matcher(line);
					if (api.find()) {
						this.apiBase = api.group(1);
					}
					Matcher firstPoll = FIRST_POLL.matcher(line);
					if (firstPoll.find()) {
						this.firstPollMs = Long.parseLong(firstPoll.group(1));
						this.firstPoll.complete(System.currentTimeMillis());
					}
				}
			}
			catch (IOException ex) {
				// the process ended
			}
			this.started
				.completeExceptionally(new IllegalStateException("Guichet stopped; see target/bench/guichet.log"));
			this.firstPoll
				.completeExceptionally(new IllegalStateException("Guichet stopped; see target/bench/guichet.log"));
		}

		/** VmHWM: the most resident memory the process ever had. */
		Long peakRssMegabytes() throws IOException {
			for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(this.process.pid()), "status"))) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
				}
			}
			return null;
		}

	}

	private static void waitFor(IngestCheck check, long messages, GuichetProcess guichet) throws InterruptedException {
		long last = -1;
		long lastChange = System.currentTimeMillis();
		while (true) {
			long settled = check.settledMessages();
			if (settled >= messages) {
				return;
			}
			if (settled != last) {
				last = settled;
				lastChange = System.currentTimeMillis();
			}
			if (!guichet.process.isAlive() || System.currentTimeMillis() - lastChange > 120_000) {
				throw new IllegalStateException(
						"Stuck at " + settled + " of " + messages + " messages; see target/bench/guichet.log");
			}
			// the figures come from the database's timestamps: polling often would only
			// load PostgreSQL
			Thread.sleep(500);
		}
	}

	/**
	 * {@code GET /api/applications} three times, as a committee member: the time of each
	 * answer in ms, its size, and whether it lists every application.
	 */
	private static void listApplications(GuichetProcess guichet, int applications, Map<String, Object> results) {
		var client = HttpClient.newHttpClient();
		var request = HttpRequest.newBuilder(URI.create(guichet.apiBase + "/api/applications"))
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString((READER + ":" + READER_PASSWORD).getBytes(StandardCharsets.UTF_8)))
			.timeout(Duration.ofSeconds(60))
			.build();
		List<Long> millis = new ArrayList<>();
		byte[] body = null;
		int listed;
		try {
			for (int i = 0; i < 3; i++) {
				long started = System.nanoTime();
				var response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
				millis.add((System.nanoTime() - started) / 1_000_000);
				if (response.statusCode() != 200) {
					throw new IllegalStateException("GET /api/applications answered " + response.statusCode());
				}
				body = response.body();
			}
			listed = new ObjectMapper().readTree(body).size();
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			// the run goes on to its end, which stops Guichet; it is only not correct
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			results.put("listApplicationsError", ex.toString());
			results.put("correct", false);
			log("NOT CORRECT: GET /api/applications failed: %s", ex);
			return;
		}
		results.put("listApplicationsMs", millis.toString());
		results.put("listApplicationsKB", body.length / 1024);
		results.put("listApplicationsComplete", listed == applications);
		if (listed != applications) {
			results.put("correct", false);
			log("NOT CORRECT: GET /api/applications lists %d applications of %d", listed, applications);
		}
		log("GET /api/applications: %d applications, %d KB, %s ms", listed, body.length / 1024, millis);
	}

	/**
	 * From each message's arrival in its mailbox to its storage, for the messages of
	 * these applications; sorted.
	 */
	private static List<Long> latencies(IngestCheck check, BenchApplications applications) {
		return check.stored()
			.stream()
			.filter(stored -> applications.appendedAt(stored.mailbox(), stored.messageId()) != null)
			.map(stored -> stored.processedAt() - applications.appendedAt(stored.mailbox(), stored.messageId()))
			.sorted()
			.toList();
	}

	/**
	 * Transactions committed in the benchmark's database so far (this benchmark's own
	 * polls count too, one or two a second). PostgreSQL 14 publishes its statistics up to
	 * half a second late: waits for them to settle.
	 */
	private static long commits(javax.sql.DataSource dataSource) throws InterruptedException {
		var jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(dataSource);
		String sql = "select sum(xact_commit) from pg_stat_database";
		Thread.sleep(1000);
		return jdbc.sql(sql).query(Long.class).single();
	}

	/**
	 * {@code --pgstat}: what PostgreSQL spent its time on, by statement, to
	 * target/bench/pg-statements.txt.
	 */
	private void writeStatements(javax.sql.DataSource dataSource) throws IOException {
		var jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(dataSource);
		jdbc.sql("create extension if not exists pg_stat_statements").update();
		List<String> lines = jdbc
			.sql("select round(total_exec_time::numeric, 0) || ' ms  ' || calls || ' calls  '"
					+ " || round((total_exec_time / calls)::numeric, 3) || ' ms/call  max '"
					+ " || round(max_exec_time::numeric, 1) || ' ms  '"
					+ " || regexp_replace(query, '\\s+', ' ', 'g') from pg_stat_statements"
					+ " order by total_exec_time desc limit 40")
			.query(String.class)
			.list();
		lines = new ArrayList<>(lines);
		lines.add(0, jdbc
			.sql("select count(*) filter (where pg_column_compression(raw) is not null) || ' of ' || count(*)"
					+ " || ' raw messages compressed, ' || pg_size_pretty(sum(pg_column_size(raw))) || ' stored for '"
					+ " || pg_size_pretty(sum(size)) from message")
			.query(String.class)
			.single());
		// the plans PostgreSQL uses once a statement is prepared (generic plans, as the
		// JDBC driver gets after 5 calls)
		try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
			statement.execute("set plan_cache_mode = force_generic_plan");
			statement.execute("prepare by_location(text, text) as select id, state, attempts from message"
					+ " where mailbox = $1 and location = $2");
			statement.execute("prepare due as " + Outbox.NEXT_DUE);
			for (String explain : List.of("explain analyze execute by_location('x', 'y')",
					"explain analyze execute due")) {
				try (var plan = statement.executeQuery(explain)) {
					lines.add(explain);
					while (plan.next()) {
						lines.add("  " + plan.getString(1));
					}
				}
			}
		}
		catch (java.sql.SQLException ex) {
			lines.add("explain failed: " + ex);
		}
		Files.write(this.work.resolve("pg-statements.txt"), lines);
	}

	/** The most heap in use before any collection, from the GC log. */
	private Long peakHeapMegabytes() throws IOException {
		return Files.readAllLines(this.work.resolve("gc.log"))
			.stream()
			.map(GC_LINE::matcher)
			.filter(Matcher::find)
			.map(matcher -> Long.parseLong(matcher.group(1)))
			.max(Long::compare)
			.orElse(null);
	}

	private static Long heapAfterFullGc(long pid) throws IOException, InterruptedException {
		jcmd(pid, "GC.run");
		Matcher used = Pattern.compile("used (\\d+)K").matcher(jcmd(pid, "GC.heap_info"));
		return used.find() ? Long.parseLong(used.group(1)) / 1024 : null;
	}

	private static String jcmd(long pid, String command) throws IOException, InterruptedException {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), command).redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor();
		return output;
	}

	private Floor floor(String url) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(javaCommand(), "-Xmx512m"));
		command.addAll(jvmOptions());
		if (this.options.containsKey("jfr")) {
			command.add("-XX:StartFlightRecording=filename=" + this.work.resolve("floor.jfr") + ",settings=profile");
		}
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), IngestFloor.class.getName(),
				String.valueOf(this.applications), url));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor();
		Files.writeString(this.work.resolve("floor.log"), output);
		Matcher rate = Pattern.compile("floor: .* msgs/s=([\\d.]+) warm msgs/s=([\\d.]+)").matcher(output);
		if (!rate.find()) {
			throw new IllegalStateException("The floor failed; see target/bench/floor.log");
		}
		log("%s", rate.group());
		return new Floor(Double.parseDouble(rate.group(1)), Double.parseDouble(rate.group(2)));
	}

	/**
	 * The floor in messages per second: cold (what the ratio uses), and once the same JVM
	 * has done it all once.
	 */
	record Floor(double cold, double warm) {
	}

	/**
	 * The JVM options of the Docker image (JDK_JAVA_OPTIONS in the Dockerfile, checked by
	 * ComposeFileTests): on two cores, the C1 compiler only, which spends a tenth of the
	 * CPU on compiling that C2 does during a burst, and compiling after a fifth of the
	 * usual calls, so that a burst meeting a fresh JVM runs less of it interpreted
	 * (docs/PERFORMANCE.md).
	 */
	public static final String IMAGE_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.2";

	/**
	 * {@code --jvm="-XX:… -XX:…"}: more options for Guichet's JVM and the floor's, the
	 * same for both.
	 */
	private List<String> jvmOptions() {
		String options = option("jvm", IMAGE_JVM_OPTIONS).strip();
		return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
	}

	private static String javaCommand() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static Long percentile(List<Long> sorted, int percentile) {
		if (sorted.isEmpty()) {
			return null;
		}
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).strip();
		}
		catch (IOException ex) {
			return null;
		}
	}

	private void writeJson(Map<String, Object> results) throws IOException {
		String json = results.entrySet()
			.stream()
			.map(entry -> "  \"" + entry.getKey() + "\": "
					+ (entry.getValue() instanceof String text ? "\"" + text.replace("\"", "'") + "\""
							: String.valueOf(entry.getValue())))
			.collect(Collectors.joining(",\n", "{\n", "\n}\n"));
		Path out = Path.of(option("out", "bench/results/latest.json"));
		Files.createDirectories(out.getParent());
		Files.writeString(out, json);
	}

	private static void log(String format, Object... arguments) {
		System.out.printf(Locale.ROOT, "[bench] " + format + "%n", arguments);
	}

}
