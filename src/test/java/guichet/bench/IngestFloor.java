package guichet.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;

import guichet.startup.NamedProviders;
import guichet.deadline.CallProperties;
import guichet.dedup.Envelope;
import guichet.language.LanguageDetector;
import guichet.note.NoteLimits;
import guichet.note.NoteReader;

/**
 * The floor: the work no ingestion of these messages can avoid, in a tight loop on as
 * many threads as cores. Per message (4 per application), what Guichet must do for each
 * copy: parse the MIME message and its envelope, and store its bytes with their hash
 * (batched inserts; PostgreSQL hashes, as for Guichet). Per distinct submission (1 per
 * application), what Guichet does once because copies merge before extraction: read the
 * note (Tika, PDFBox page count) and detect its language. Reported in messages per
 * second, the unit of Guichet's throughput: cold, from a JVM that has built its parser
 * and detector but has not read a note yet, as Guichet meets the burst (the ratio's
 * floor); then warm, the same work again in the same JVM.
 * <p>
 * {@code java -Xmx512m -cp … guichet.bench.IngestFloor <applications> <jdbc url>}
 */
public final class IngestFloor {

	private static final Session SESSION = Session.getInstance(new Properties());

	private static final int BATCH = 100;

	private IngestFloor() {
	}

	public static void main(String[] args) throws Exception {
		// the same provider lookups as Guichet's, which avoids them: they are not part of
		// the floor
		NamedProviders.install();
		int applications = Integer.parseInt(args[0]);
		String url = args[1];
		var load = new BenchApplications();
		List<Work> work = new ArrayList<>();
		for (int number = 1; number <= applications; number++) {
			List<BenchApplications.Copy> copies = load.copies(number);
			for (BenchApplications.Copy copy : copies) {
				for (int i = 0; i < copy.mailboxes().size(); i++) {
					// the note is read once per submission: with the first copy of a
					// Message-ID, or the first of the
					// separately sent ones
					boolean first = (copy == copies.get(0)) && i == 0;
					work.add(new Work(copy.mailboxes().get(i), copy.raw(), first));
				}
			}
		}
		var reader = new NoteReader(call(), NoteLimits.defaults());
		var detector = new LanguageDetector();
		// built in the background, as in Guichet, and the note reading practised: ready
		// before the clock starts
		reader.awaitPractice();
		detector.awaitModels();
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement()) {
			statement.execute("drop table if exists floor_message");
			statement.execute("create table floor_message (like message including defaults including storage)");
		}
		int threads = Runtime.getRuntime().availableProcessors();
		// Cold, as Guichet meets the burst: started, its parser and detector built, note
		// reading practised, the rest of
		// the code not yet compiled by the JIT. That is the floor the ratio uses. Then
		// again, warm, for comparison.
		double cold = timed(work, threads, reader, detector, url);
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement()) {
			statement.execute("truncate floor_message");
		}
		double warm = timed(work, threads, reader, detector, url);
		System.out.printf(Locale.ROOT, "floor: messages=%d threads=%d seconds=%.3f msgs/s=%.1f warm msgs/s=%.1f%n",
				work.size(), threads, cold, work.size() / cold, work.size() / warm);
	}

	private static double timed(List<Work> work, int threads, NoteReader reader, LanguageDetector detector, String url)
			throws Exception {
		long start = System.nanoTime();
		run(work, threads, reader, detector, url);
		return (System.nanoTime() - start) / 1e9;
	}

	record Work(String mailbox, byte[] raw, boolean readsNote) {
	}

	private static void run(List<Work> work, int threads, NoteReader reader, LanguageDetector detector, String url)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<?>> done = new ArrayList<>();
		int share = (work.size() + threads - 1) / threads;
		for (int t = 0; t < threads; t++) {
			List<Work> mine = work.subList(Math.min(work.size(), t * share), Math.min(work.size(), (t + 1) * share));
			done.add(pool.submit(() -> {
				process(mine, reader, detector, url);
				return null;
			}));
		}
		for (Future<?> future : done) {
			future.get();
		}
		pool.shutdown();
	}

	private static void process(List<Work> work, NoteReader reader, LanguageDetector detector, String url)
			throws Exception {
		try (Connection connection = DriverManager.getConnection(url);
				PreparedStatement insert = connection.prepareStatement(
						"""
								insert into floor_message (id, mailbox, location, raw, raw_sha256, size, message_id, sender,
								    subject, recipients, received_at, received_at_source, state)
								select cast(? as uuid), cast(? as text), cast(? as text), bytes.raw, encode(sha256(bytes.raw), 'hex'),
								    cast(? as integer), cast(? as text), cast(? as text), cast(? as text), cast(? as text[]),
								    cast(? as timestamptz), 'INTERNALDATE', 'FILED'
								from (select cast(? as bytea) as raw) as bytes""")) {
			connection.setAutoCommit(false);
			int pending = 0;
			for (Work item : work) {
				var message = new MimeMessage(SESSION, new SharedByteArrayInputStream(item.raw()));
				message.getAllHeaders();
				Envelope envelope = Envelope.of(message);
				if (item.readsNote()) {
					var reading = reader.read(message);
					detector.detect(reading.languageText());
				}
				// hashed by PostgreSQL, as Guichet's ledger does
				insert.setObject(1, UUID.randomUUID());
				insert.setString(2, item.mailbox());
				insert.setString(3, UUID.randomUUID().toString());
				insert.setInt(4, item.raw().length);
				insert.setString(5, envelope.messageId());
				insert.setString(6, envelope.sender());
				insert.setString(7, envelope.subject());
				insert.setArray(8, connection.createArrayOf("text", envelope.recipients().toArray()));
				insert.setTimestamp(9, Timestamp.from(Instant.now()));
				insert.setBytes(10, item.raw());
				insert.addBatch();
				if (++pending == BATCH) {
					insert.executeBatch();
					connection.commit();
					pending = 0;
				}
			}
			insert.executeBatch();
			connection.commit();
		}
	}

	private static CallProperties call() {
		return new CallProperties(java.time.ZoneId.of("Europe/Paris"), new CallProperties.Deadlines(
				java.time.LocalDate.parse("2019-12-19"), java.time.LocalDate.parse("2020-01-13")), 1);
	}

}
