package guichet.archive;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import guichet.acknowledgement.Acknowledgements;
import guichet.application.Clerk;
import guichet.application.Filing;
import guichet.dedup.ContentFingerprint;
import guichet.dedup.Envelope;
import guichet.intake.MessageLedger;
import guichet.intake.ReceivedMessage;
import guichet.intake.ReceptionTime;
import guichet.untrusted.IncomingMessage;

import org.springframework.stereotype.Component;

/**
 * Files the messages of archives (mbox, Maildir, .eml) through the normal intake, as
 * messages of a mailbox named {@code import:<source>}: the same merging, note reading and
 * judgement as mail read from a mailbox. A message's place in that mailbox is its
 * content's SHA-256, so that importing the same archive again adds nothing, and the same
 * message read from a mailbox merges as one more copy. Its reception time is the topmost
 * {@code Received:} header, never {@code Date:} (the sender's clock): a message without
 * one is quarantined, with that reason.
 */
@Component
public class Importer {

	static final String MAILBOX_PREFIX = "import:";

	private final Clerk clerk;

	private final MessageLedger ledger;

	public Importer(Clerk clerk, MessageLedger ledger) {
		this.clerk = clerk;
		this.ledger = ledger;
	}

	/**
	 * Told of each message as it is settled, and of the total beforehand, for a progress
	 * bar.
	 */
	public interface Progress {

		void started(int messages);

		void settled(int done);

		/** For an import nobody watches (a page shows the summary only). */
		Progress NONE = new Progress() {
			@Override
			public void started(int messages) {
			}

			@Override
			public void settled(int done) {
			}
		};

	}

	/**
	 * What an import did: how many messages ended how, why, and what could not be read,
	 * with where.
	 */
	public record Summary(int messages, Map<Filing.Outcome, Integer> outcomes, Map<String, Integer> reasons,
			List<String> problems) {

		public int count(Filing.Outcome outcome) {
			return outcomes.getOrDefault(outcome, 0);
		}

	}

	/**
	 * Files the messages of these archives; acknowledges new applicants only when asked
	 * (and when {@code guichet.acknowledgements.enabled}).
	 */
	public Summary importPaths(List<Path> paths, boolean acknowledge, Progress progress) {
		return importPaths(paths, acknowledge, progress, null);
	}

	/**
	 * @param shownFrom the folder that problems name their files from (an upload's), or
	 * null to name them as given
	 */
	Summary importPaths(List<Path> paths, boolean acknowledge, Progress progress, Path shownFrom) {
		Supplier<Summary> work = () -> file(paths, progress, shownFrom);
		return acknowledge ? work.get() : Acknowledgements.withheldDuring(work);
	}

	/**
	 * What an archive holds before it is imported: the mailbox its messages go to, how
	 * many there are, and what cannot be read.
	 */
	record Source(String name, String mailbox, int messages, List<String> problems) {
	}

	List<Source> preview(List<Path> paths, Path shownFrom) {
		List<Source> sources = new ArrayList<>();
		for (Path path : paths) {
			int[] count = { 0 };
			List<String> problems = new ArrayList<>();
			ArchiveReader.read(path, new ArchiveReader.Visitor() {
				@Override
				public void found(ArchiveReader.Found message) {
					count[0]++;
				}

				@Override
				public void problem(ArchiveReader.Problem problem) {
					problems.add(problem.shownFrom(shownFrom));
				}
			});
			String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
			sources.add(new Source(name, MAILBOX_PREFIX + sourceName(path), count[0], problems));
		}
		return sources;
	}

	private Summary file(List<Path> paths, Progress progress, Path shownFrom) {
		int total = 0;
		for (Path path : paths) {
			total += count(path);
		}
		progress.started(total);
		Map<Filing.Outcome, Integer> outcomes = new EnumMap<>(Filing.Outcome.class);
		Map<String, Integer> reasons = new LinkedHashMap<>();
		List<String> problems = new ArrayList<>();
		int[] done = { 0 };
		for (Path path : paths) {
			String mailbox = MAILBOX_PREFIX + sourceName(path);
			ArchiveReader.read(path, new ArchiveReader.Visitor() {
				@Override
				public void found(ArchiveReader.Found message) {
					try {
						Filing filing = file(mailbox, message.raw());
						outcomes.merge(filing.outcome(), 1, Integer::sum);
						if (filing.reason() != null) {
							reasons.merge(filing.outcome() + ": " + reasonCode(filing.reason()), 1, Integer::sum);
						}
					}
					catch (RuntimeException ex) {
						problems.add(new ArchiveReader.Problem(message.file(), message.position(),
								"could not be filed: " + ex.getMessage())
							.shownFrom(shownFrom));
					}
					progress.settled(++done[0]);
				}

				@Override
				public void problem(ArchiveReader.Problem problem) {
					problems.add(problem.shownFrom(shownFrom));
				}
			});
		}
		return new Summary(done[0], outcomes, reasons, problems);
	}

	/** Files one archived message; safe to repeat (the ledger knows it by its bytes). */
	Filing file(String mailbox, byte[] raw) {
		String location = MAILBOX_PREFIX + ContentFingerprint.sha256(raw);
		MimeMessage headers = headersOf(raw);
		Optional<Instant> received = headers == null ? Optional.empty() : ReceptionTime.topmostReceived(headers);
		if (received.isEmpty()) {
			// recorded all the same, so that an admin sees it and may retry it once it is
			// explained
			ReceivedMessage message = new ReceivedMessage(mailbox, location, null, null, raw,
					new ReceptionTime(Instant.now(), ReceptionTime.Source.FETCH_TIME));
			MessageLedger.Recorded recorded = ledger.record(message,
					headers == null ? Envelope.empty() : Envelope.of(headers));
			if (recorded.state().isSettled()) {
				return new Filing(Filing.Outcome.ALREADY_FILED, recorded.id(), null, null, null);
			}
			String reason = "NO_RECEIVED_HEADER: an imported message is dated by its topmost Received: header, and this "
					+ "one has none (Date: is the sender's clock, never trusted for the deadline)";
			ledger.markQuarantined(recorded.id(), reason);
			return new Filing(Filing.Outcome.QUARANTINED, recorded.id(), null, null, reason);
		}
		return clerk.file(new ReceivedMessage(mailbox, location, null, null, raw,
				new ReceptionTime(received.get(), ReceptionTime.Source.ARCHIVE_RECEIVED_HEADER)));
	}

	private static int count(Path path) {
		int[] count = { 0 };
		ArchiveReader.read(path, new ArchiveReader.Visitor() {
			@Override
			public void found(ArchiveReader.Found message) {
				count[0]++;
			}

			@Override
			public void problem(ArchiveReader.Problem problem) {
			}
		});
		return count[0];
	}

	/**
	 * The source's name in {@code import:<source>}: the file or folder name, bounded and
	 * plain.
	 */
	static String sourceName(Path path) {
		Path name = path.toAbsolutePath().normalize().getFileName();
		String text = name == null ? "archive" : name.toString();
		text = text.replaceAll("[^\\p{L}\\p{N}._@+-]", "_");
		return text.length() > 100 ? text.substring(0, 100) : text;
	}

	private static String reasonCode(String reason) {
		int colon = reason.indexOf(':');
		return colon > 0 && colon < 40 ? reason.substring(0, colon)
				: reason.length() > 80 ? reason.substring(0, 80) : reason;
	}

	private static MimeMessage headersOf(byte[] raw) {
		try {
			return IncomingMessage.parseOrThrow(raw);
		}
		catch (MessagingException ex) {
			return null;
		}
	}

}
