package guichet.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;

import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import guichet.support.HostileDocuments;
import guichet.support.HostileGuichet;
import guichet.support.Reliability;
import guichet.support.TestMail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The limits that keep one message from costing the others (guichet.limits.*,
 * guichet.intake.*), and the quarantine after guichet.intake.max-attempts failures: kept
 * raw with its last error, listed for the admin, moved out of the mailbox so that the
 * watermark goes past it, and filed by an admin's retry once the cause is fixed.
 */
class LimitsAndQuarantineTests {

	static HostileGuichet guichet;

	static Reliability table;

	@BeforeAll
	static void start() {
		guichet = HostileGuichet.get();
		table = Reliability.table("limits-and-quarantine");
	}

	@AfterAll
	static void dropPoison() {
		guichet.jdbc().sql("drop trigger if exists reject_poison on application").update();
	}

	@Test
	void aDocumentSlowerThanTheParseTimeoutIsUnreadableAndTheRouteGoesOn() {
		// slow by its operators, not by its text: a practised reader read 3000 one-line
		// pages within the 200 ms; this
		// takes about 1 s even warm (C2, 2026-12-05), five times the timeout
		byte[] slow = HostileDocuments.slowPdf(1500, 2000);
		assertThat(slow.length).as("under max-attachment-size").isLessThan(2 * 1024 * 1024);
		String sender = append("slow", "note.pdf", "application/pdf", slow);
		String next = append("after-slow", "note.txt", "text/plain",
				"Bonjour, voici la suite.".getBytes(StandardCharsets.UTF_8));

		assertThat(awaitSettled(sender)).isEqualTo("FILED");
		assertThat(awaitSettled(next)).isEqualTo("FILED");
		String problem = noteProblem(sender);
		table.record("limit: guichet.limits.parse-timeout=200ms", "PDF of 1500 pages of 2000 drawing operators",
				"FILED", Reliability.code(problem), "NOTE_UNREADABLE", 0);
		assertThat(problem).startsWith("TIMEOUT");
	}

	@Test
	void anAttachmentOverTheLimitIsNotRead() {
		String sender = append("big-attachment", "note.pdf", "application/pdf",
				HostileDocuments.randomBytes(2_500_000));

		assertThat(awaitSettled(sender)).isEqualTo("FILED");
		String problem = noteProblem(sender);
		table.record("limit: guichet.limits.max-attachment-size=2MB", "2.5 MB attachment", "FILED",
				Reliability.code(problem), "NOTE_UNREADABLE", 0);
		assertThat(problem).startsWith("TOO_LARGE");
	}

	@Test
	void aMessageOverTheLimitIsKeptRawAndQuarantined() {
		byte[] attachment = HostileDocuments.randomBytes(3_800_000);
		String sender = append("big-message", "note.pdf", "application/pdf", attachment);

		assertThat(awaitSettled(sender)).isEqualTo("QUARANTINED");
		String reason = reason(sender);
		int size = guichet.jdbc()
			.sql("select octet_length(raw) from message where sender = :s")
			.param("s", sender)
			.query(Integer.class)
			.single();
		table.record("limit: guichet.intake.max-message-size=4MB", "5 MB message", "QUARANTINED",
				Reliability.code(reason), "", 0);
		assertThat(reason).startsWith("TOO_LARGE");
		assertThat(size).isGreaterThan(4_000_000);
	}

	@Test
	void aMessageFailingThreeTimesIsQuarantinedMovedAsideAndFiledByARetryAfterTheFix() throws Exception {
		// the database rejects this applicant's application, as a bug or a broken
		// constraint would
		guichet.jdbc()
			.sql("""
					create or replace function reject_poison() returns trigger language plpgsql as $$
					begin
					  if new.applicant_email = 'poison@example.org' then raise exception 'simulated failure for poison'; end if;
					  return new;
					end $$""")
			.update();
		guichet.jdbc().sql("drop trigger if exists reject_poison on application").update();
		guichet.jdbc()
			.sql("create trigger reject_poison before insert on application for each row execute function reject_poison()")
			.update();
		TestMail.application()
			.from("poison@example.org")
			.subject("Poison")
			.appendTo(guichet.greenMail, HostileGuichet.MAILBOX, new Date());
		String after = append("after-poison", "note.txt", "text/plain", "Bonjour.".getBytes(StandardCharsets.UTF_8));

		assertThat(awaitSettled("poison@example.org")).isEqualTo("QUARANTINED");
		assertThat(awaitSettled(after)).isEqualTo("FILED");
		var quarantined = guichet.jdbc()
			.sql("select id, attempts, last_error, uid from message where sender = 'poison@example.org'")
			.query((rs,
					n) -> new Object[] { rs.getString("id"), rs.getInt("attempts"), rs.getString("last_error"),
							rs.getLong("uid") })
			.single();
		assertThat(quarantined[1]).isEqualTo(3);
		assertThat((String) quarantined[2]).contains("simulated failure for poison");
		assertThat(guichet.asAdmin("GET", "/api/messages?state=QUARANTINED").body()).contains((String) quarantined[0]);
		await().atMost(Duration.ofSeconds(10)).until(() -> watermark() >= (long) quarantined[3]);
		await().atMost(Duration.ofSeconds(10)).until(() -> inFolder("Guichet/Processed", "Poison"));

		guichet.jdbc().sql("drop trigger reject_poison on application").update();
		var retried = guichet.asAdmin("POST", "/api/messages/" + quarantined[0] + "/retry");

		assertThat(retried.statusCode()).isEqualTo(200);
		assertThat(state("poison@example.org")).isEqualTo("FILED");
		assertThat(guichet.jdbc()
			.sql("select count(*) from application where applicant_email = 'poison@example.org'")
			.query(Integer.class)
			.single()).isEqualTo(1);
		table.record("fault: processing fails 3 times (DB trigger)",
				"quarantined, moved, watermark past it, retried after fix", state("poison@example.org"),
				"FAILED → retry → FILED", "", 0);
	}

	private static String append(String who, String filename, String type, byte[] content) {
		String sender = who + "-" + UUID.randomUUID().toString().substring(0, 6) + "@example.org";
		TestMail.application()
			.from(sender)
			.subject("Candidature " + who)
			.attach(filename, type, content)
			.appendTo(guichet.greenMail, HostileGuichet.MAILBOX, new Date());
		return sender;
	}

	static String awaitSettled(String sender) {
		return await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> state(sender), state -> state != null && !state.equals("PENDING"));
	}

	static String state(String sender) {
		return guichet.jdbc()
			.sql("select state from message where sender = :s")
			.param("s", sender)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private static String reason(String sender) {
		return guichet.jdbc()
			.sql("select reason from message where sender = :s")
			.param("s", sender)
			.query(String.class)
			.single();
	}

	private static String noteProblem(String sender) {
		return guichet.jdbc().sql("""
				select s.note_problem from message m join submission s on s.id = m.submission_id where m.sender = :s
				""").param("s", sender).query(String.class).single();
	}

	private static long watermark() {
		return guichet.jdbc()
			.sql("select watermark from mailbox_state where mailbox = :m")
			.param("m", HostileGuichet.MAILBOX)
			.query(Long.class)
			.single();
	}

	private static boolean inFolder(String folderName, String subject) throws Exception {
		try (Store store = Session.getInstance(new java.util.Properties()).getStore("imap")) {
			store.connect("127.0.0.1", guichet.greenMail.getImap().getPort(), HostileGuichet.MAILBOX,
					HostileGuichet.MAILBOX_PASSWORD);
			Folder folder = store.getFolder(folderName);
			if (!folder.exists()) {
				return false;
			}
			folder.open(Folder.READ_ONLY);
			try {
				for (var message : folder.getMessages()) {
					if (subject.equals(message.getSubject())) {
						return true;
					}
				}
				return false;
			}
			finally {
				folder.close(false);
			}
		}
	}

}
