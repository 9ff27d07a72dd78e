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
 * The benchmark's applications: each is sent once to the four committee members, so that
 * each member's mailbox holds a copy with the same Message-ID; one in ten applicants
 * instead sends four separate emails (four Message-IDs, the same attachment), which
 * Guichet must merge by content. Every applicant has their own address and subject, so
 * that each application is stored exactly once with four copies.
 */
final class BenchApplications {

	/** One message and the committee mailboxes it goes to. */
	record Copy(String messageId, List<String> mailboxes, byte[] raw) {
	}

	private final BenchNotes notes = new BenchNotes();

	/** The size of the team photo each applicant adds to the note, in KB; none when 0. */
	private final int photoKilobytes;

	BenchApplications() {
		this(0);
	}

	BenchApplications(int photoKilobytes) {
		this.photoKilobytes = photoKilobytes;
	}

	/**
	 * When each copy was put into its mailbox, by mailbox and Message-ID, in ms since the
	 * epoch.
	 */
	private final Map<String, Long> appendedAt = new ConcurrentHashMap<>();

	static boolean isSentSeparately(int number) {
		return number % 10 == 0;
	}

	/**
	 * The copies of application {@code number}: one message for four mailboxes, or four
	 * messages.
	 */
	List<Copy> copies(int number) {
		BenchNotes.NoteFile note = this.notes.note(number);
		String from = "Applicant " + number + " <applicant-" + number + "@example.org>";
		String subject = (number % 2 == 0) ? "Candidature n° " + number : "Application no. " + number;
		String body = (number % 2 == 0)
				? "Bonjour,\n\nVeuillez trouver ci-joint notre note descriptive.\n\nCordialement"
				: "Hello,\n\nPlease find attached our descriptive note.\n\nKind regards";
		List<Copy> copies = new ArrayList<>();
		if (isSentSeparately(number)) {
			for (String member : Committee.MEMBERS) {
				String messageId = "<bench-" + number + "-" + member.substring(0, member.indexOf('@'))
						+ "@example.org>";
				byte[] raw = withPhoto(TestMail.application()
					.from(from)
					.to(member)
					.subject(subject)
					.body(body)
					.messageId(messageId)
					.attach(note.filename(), note.mediaType(), note.content()), number).bytes();
				copies.add(new Copy(messageId, List.of(member), raw));
			}
		}
		else {
			String messageId = "<bench-" + number + "@example.org>";
			byte[] raw = withPhoto(TestMail.application()
				.from(from)
				.subject(subject)
				.body(body)
				.messageId(messageId)
				.attach(note.filename(), note.mediaType(), note.content()), number).bytes();
			copies.add(new Copy(messageId, Committee.MEMBERS, raw));
		}
		return copies;
	}

	/**
	 * A photo of the team, as many applicants add: a JPEG that is no note, whose bytes do
	 * not compress (as a photo's), different for each application. It makes each mail the
	 * size of a real one, to check memory, not the note reader.
	 */
	private TestMail withPhoto(TestMail mail, int number) {
		if (this.photoKilobytes == 0) {
			return mail;
		}
		byte[] photo = new byte[this.photoKilobytes * 1024];
		new java.util.Random(number).nextBytes(photo);
		byte[] jpegStart = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0 };
		System.arraycopy(jpegStart, 0, photo, 0, jpegStart.length);
		return mail.attach("team-" + number + ".jpg", "image/jpeg", photo);
	}

	/**
	 * Puts every copy in its mailboxes now, as the committee's server would receive it.
	 */
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

	/**
	 * By the Message-ID as Guichet stores it, so that the database's rows can be matched
	 * with their arrival.
	 */
	private static String key(String mailbox, String messageId) {
		return mailbox + " " + SubmissionKey.normaliseMessageId(messageId);
	}

}
