package guichet.bench;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.icegreen.greenmail.util.GreenMail;

import guichet.dedup.SubmissionKey;
import guichet.support.Committee;
import guichet.support.TestMail;

/**
 * The benchmark's applications: each is sent once to the four committee members, so that each member's mailbox
 * holds a copy with the same Message-ID; one in ten applicants instead sends four separate emails (four
 * Message-IDs, the same attachment), which Guichet must merge by content. Every applicant has their own address
 * and subject, so that each application is stored exactly once with four copies.
 */
final class BenchApplications {

	/** One message and the committee mailboxes it goes to. */
	record Copy(String messageId, List<String> mailboxes, byte[] raw) {
	}

	private final BenchNotes notes = new BenchNotes();

	/** When each copy was put into its mailbox, by mailbox and Message-ID, in ms since the epoch. */
	private final Map<String, Long> appendedAt = new ConcurrentHashMap<>();

	static boolean isSentSeparately(int number) {
		return number % 10 == 0;
	}

	/** The copies of application {@code number}: one message for four mailboxes, or four messages. */
	List<Copy> copies(int number) {
		BenchNotes.NoteFile note = this.notes.note(number);
		String from = "Applicant " + number + " <applicant-" + number + "@example.org>";
		String subject = (number % 2 == 0) ? "Candidature n° " + number : "Application no. " + number;
		String body = (number % 2 == 0) ? "Bonjour,\n\nVeuillez trouver ci-joint notre note descriptive.\n\nCordialement"
				: "Hello,\n\nPlease find attached our descriptive note.\n\nKind regards";
		List<Copy> copies = new ArrayList<>();
		if (isSentSeparately(number)) {
			for (String member : Committee.MEMBERS) {
				String messageId = "<bench-" + number + "-" + member.substring(0, member.indexOf('@')) + "@example.org>";
				byte[] raw = TestMail.application().from(from).to(member).subject(subject).body(body).messageId(messageId)
					.attach(note.filename(), note.mediaType(), note.content()).bytes();
				copies.add(new Copy(messageId, List.of(member), raw));
			}
		}
		else {
			String messageId = "<bench-" + number + "@example.org>";
			byte[] raw = TestMail.application().from(from).subject(subject).body(body).messageId(messageId)
				.attach(note.filename(), note.mediaType(), note.content()).bytes();
			copies.add(new Copy(messageId, Committee.MEMBERS, raw));
		}
		return copies;
	}

	/** Puts every copy in its mailboxes now, as the committee's server would receive it. */
	void append(GreenMail greenMail, List<Copy> copies) {
		for (Copy copy : copies) {
			for (String mailbox : copy.mailboxes()) {
				long now = System.currentTimeMillis();
				TestMail.appendRaw(greenMail, mailbox, copy.raw(), new Date(now));
				this.appendedAt.put(key(mailbox, copy.messageId()), now);
			}
		}
	}

	Long appendedAt(String mailbox, String messageId) {
		return this.appendedAt.get(key(mailbox, messageId));
	}

	/** By the Message-ID as Guichet stores it, so that the database's rows can be matched with their arrival. */
	private static String key(String mailbox, String messageId) {
		return mailbox + " " + SubmissionKey.normaliseMessageId(messageId);
	}

}
