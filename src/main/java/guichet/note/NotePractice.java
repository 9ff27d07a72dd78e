package guichet.note;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reading notes, practised at start-up: once the parsers are ready, reads the warm-up
 * notes as mails, {@link NoteReader#PRACTICE_ROUNDS} times, on a thread of its own. The
 * JIT compiler compiles a method only after it has run a number of times: without this,
 * some 1,600 methods of Tika, PDFBox, POI, XMLBeans and Xerces, and 340 of Jakarta Mail,
 * were compiled during the first burst of applications, on the cores the burst needed
 * (issue #7). It costs about 0.4 s of one core during start-up; it stops at the first
 * real mail (which is read at once, as usual) or when Guichet stops.
 */
final class NotePractice {

	private static final Logger log = LoggerFactory.getLogger(NotePractice.class);

	private final int rounds;

	private final Consumer<MimeMessage> read;

	private final CompletableFuture<Integer> practised = new CompletableFuture<>();

	/** Set by the first real mail: from then on the intake itself warms the code up. */
	private volatile boolean realMailRead;

	private volatile boolean closing;

	/**
	 * @param rounds how many times the warm-up notes are read: 0 for none
	 * @param read reads one mail as the intake does
	 */
	NotePractice(int rounds, Consumer<MimeMessage> read) {
		this.rounds = rounds;
		this.read = read;
	}

	/** Starts practising, unless there is nothing to practise or Guichet is stopping. */
	void start() {
		if (this.rounds == 0 || this.closing) {
			this.practised.complete(0);
			return;
		}
		try {
			Thread practice = new Thread(this::practiseNow, "note-reading-practice");
			practice.setDaemon(true);
			practice.start();
		}
		catch (RuntimeException | Error ex) {
			// never leave finished() waiting
			this.practised.complete(0);
			throw ex;
		}
	}

	private void practiseNow() {
		long started = System.nanoTime();
		int rounds = 0;
		try {
			List<byte[]> mails = WarmUpNotes.asMails();
			Session session = Session.getInstance(new Properties());
			while (rounds < this.rounds && !this.closing && !this.realMailRead) {
				for (byte[] mail : mails) {
					this.read.accept(new MimeMessage(session, new ByteArrayInputStream(mail)));
				}
				rounds++;
			}
			log.info("Note reading practised: {} of {} rounds in {} ms{}", rounds, this.rounds,
					(System.nanoTime() - started) / 1_000_000, (rounds < this.rounds)
							? (this.closing ? " (Guichet is stopping)" : " (the first mail arrived)") : "");
		}
		catch (MessagingException | RuntimeException ex) {
			// only practice: the first notes will simply be read more slowly (or Guichet
			// is stopping)
			if (!this.closing) {
				log.warn("Practising note reading failed", ex);
			}
		}
		finally {
			this.practised.complete(rounds);
		}
	}

	/** The first real mail is being read: the practice stops after its current round. */
	void realMailArrived() {
		this.realMailRead = true;
	}

	/** Guichet is stopping: the practice stops after its current note. */
	void stop() {
		this.closing = true;
	}

	/**
	 * Waits until the practice is over.
	 * @return how many rounds were practised
	 */
	int finished() {
		return this.practised.join();
	}

}
