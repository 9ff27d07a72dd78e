package guichet.application;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import guichet.application.FilingLock.LockedApplication;
import guichet.application.MergeRules.Copy;
import guichet.application.MergeRules.CopyOfCorrespondence;
import guichet.application.MergeRules.Correspondence;
import guichet.application.MergeRules.Merge;
import guichet.application.MergeRules.NewVersion;
import guichet.dedup.ContentFingerprint;
import guichet.dedup.Envelope;
import guichet.dedup.MergeProperties;
import guichet.dedup.SubmissionKey;
import guichet.language.Language;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The merge rules of docs/COMMITTEE.md over real messages ({@code messages/*.eml}),
 * without PostgreSQL: what is already filed is held in memory, as the rules ask about it.
 */
class MergeRulesTests {

	private static final Instant RECEIVED = Instant.parse("2019-12-18T09:12:00Z");

	private final FiledInMemory filed = new FiledInMemory();

	private final MergeRules rules = new MergeRules(filed, filed, new MergeProperties(Duration.ofDays(7)));

	@Test
	void theSameEmailInAnotherMembersMailboxIsACopy() {
		FiledSubmission first = filed.file(message("application-to-the-whole-committee.eml"), RECEIVED);

		Merge merge = merge(message("same-email-delivered-to-another-member.eml"), RECEIVED.plusSeconds(4));

		assertThat(merge).isEqualTo(new Copy(first));
	}

	@Test
	void theSameEmailIsACopyEvenWhenItArrivesAfterTheWindow() {
		FiledSubmission first = filed.file(message("application-to-the-whole-committee.eml"), RECEIVED);

		Merge merge = merge(message("same-email-delivered-to-another-member.eml"), RECEIVED.plus(Duration.ofDays(30)));

		assertThat(merge).isEqualTo(new Copy(first));
	}

	@Test
	void theSameNoteSentAgainUnderTheSameSubjectWithinTheWindowIsACopy() {
		FiledSubmission first = filed.file(message("application-to-the-whole-committee.eml"), RECEIVED);

		Merge merge = merge(message("same-application-sent-again-to-one-member.eml"),
				RECEIVED.plus(Duration.ofDays(6)));

		assertThat(merge).isEqualTo(new Copy(first));
	}

	@Test
	void aCopyWithoutMessageIdIsRecognisedByItsNoteAndSubjectWhateverItsReplyPrefix() {
		FiledSubmission first = filed.file(message("application-to-the-whole-committee.eml"), RECEIVED);

		Merge merge = merge(message("same-application-without-message-id.eml"), RECEIVED.plusSeconds(60));

		assertThat(merge).isEqualTo(new Copy(first));
	}

	@Test
	void theSameNoteSentAgainAfterTheWindowIsANewVersion() {
		filed.file(message("application-to-the-whole-committee.eml"), RECEIVED);

		Merge merge = merge(message("same-application-sent-again-to-one-member.eml"),
				RECEIVED.plus(Duration.ofDays(8)));

		assertThat(merge).isEqualTo(new NewVersion(Set.of(), List.of()));
	}

	@Test
	void aCorrectedNoteUnderTheSameSubjectIsANewVersion() {
		filed.file(message("application-to-the-whole-committee.eml"), RECEIVED);

		Merge merge = merge(message("corrected-note-same-subject.eml"), RECEIVED.plusSeconds(3600));

		assertThat(merge).isEqualTo(new NewVersion(Set.of(), List.of()));
	}

	@Test
	void anotherSendersMessageWithTheSameMessageIdIsNeverACopyAndTheReuseIsFlagged() {
		FiledSubmission first = filed.file(message("application-to-the-whole-committee.eml"), RECEIVED);

		Merge merge = merge(message("stranger-reusing-the-message-id.eml"), RECEIVED.plusSeconds(60));

		assertThat(merge).isEqualTo(new NewVersion(Set.of(Flag.MESSAGE_ID_REUSED), List.of(first.id())));
	}

	@Test
	void aThankYouAnsweringTheAcknowledgementIsCorrespondenceOfTheApplicationItAnswers() {
		FiledSubmission first = filed.file(message("application-to-the-whole-committee.eml"), RECEIVED);
		filed.acknowledged(first, "<ack-1@committee.example>");
		Submitted thankYou = message("thank-you-answering-the-acknowledgement.eml");

		Optional<UUID> answered = rules.applicationAnswered(thankYou);
		Merge merge = rules.merge(thankYou, new LockedApplication(answered.orElseThrow(), Optional.empty()),
				() -> fingerprintOf(thankYou), true, () -> hasNote(thankYou));

		assertThat(answered).contains(first.applicationId());
		assertThat(merge).isEqualTo(new Correspondence(CorrespondenceReason.REPLY_TO_GUICHET));
	}

	@Test
	void aReplyToAnotherApplicantsAcknowledgementAnswersNothing() {
		FiledSubmission first = filed.file(message("application-to-the-whole-committee.eml"), RECEIVED);
		filed.acknowledged(first, "<ack-1@committee.example>");
		Submitted thankYou = message("thank-you-answering-the-acknowledgement.eml");
		Submitted fromSomeoneElse = new Submitted(thankYou.mime(),
				thankYou.envelope()
					.from("mallory@other.example", null, thankYou.envelope().subject(), "merci-2@other.example",
							thankYou.envelope().recipients(), null),
				RECEIVED, "INTERNALDATE", List.of(), null, null, true);

		assertThat(rules.applicationAnswered(fromSomeoneElse)).isEmpty();
	}

	@Test
	void aLaterMessageWithoutANoteIsCorrespondenceNotANewVersion() {
		filed.file(message("application-to-the-whole-committee.eml"), RECEIVED);

		Merge merge = merge(message("later-message-without-a-note.eml"), RECEIVED.plus(Duration.ofDays(2)));

		assertThat(merge).isEqualTo(new Correspondence(CorrespondenceReason.NO_NOTE));
	}

	@Test
	void aFirstMessageWithoutANoteIsStillAnApplication() {
		Merge merge = merge(message("later-message-without-a-note.eml"), RECEIVED);

		assertThat(merge).isEqualTo(new NewVersion(Set.of(), List.of()));
	}

	@Test
	void anotherCopyOfCorrespondenceIsCountedWithIt() {
		filed.file(message("application-to-the-whole-committee.eml"), RECEIVED);
		Submitted question = message("later-message-without-a-note.eml");
		filed.correspondence(filed.applicationOf(question.envelope()), question.envelope().messageId());

		Merge merge = merge(question, RECEIVED.plus(Duration.ofDays(2)));

		assertThat(merge).isInstanceOf(CopyOfCorrespondence.class);
	}

	@Test
	void aMembersForwardOfANewApplicationIsFlaggedForwarded() {
		Submitted direct = message("application-to-the-whole-committee.eml");
		Submitted forward = new Submitted(direct.mime(), direct.envelope(), RECEIVED, Submitted.FORWARD_STATED,
				direct.recipients(), "odile.chagny@ires.fr", RECEIVED.plusSeconds(600), true);

		Merge merge = merge(forward, RECEIVED);

		assertThat(merge).isEqualTo(new NewVersion(Set.of(Flag.FORWARDED), List.of()));
	}

	/** Locks as {@link FilingLock#lockOfSender} does, then asks the rules. */
	private Merge merge(Submitted submitted, Instant receivedAt) {
		Submitted at = new Submitted(submitted.mime(), submitted.envelope(), receivedAt, submitted.receivedAtSource(),
				submitted.recipients(), submitted.forwardedBy(), submitted.forwardReceivedAt(),
				submitted.applicantConfirmed());
		Envelope envelope = at.envelope();
		Optional<FiledSubmission> byMessageId = envelope.messageId() == null ? Optional.empty()
				: filed.fromSenderWithMessageId(envelope.sender(), envelope.messageId());
		UUID application = byMessageId.map(FiledSubmission::applicationId)
			.orElseGet(() -> filed.applicationOf(envelope));
		return rules.merge(at, new LockedApplication(application, byMessageId), () -> fingerprintOf(at), false,
				() -> hasNote(at));
	}

	private static Submitted message(String name) {
		try (InputStream in = MergeRulesTests.class.getResourceAsStream("/messages/" + name)) {
			byte[] raw = in.readAllBytes();
			MimeMessage mime = Submitted.parse(raw);
			Envelope envelope = Envelope.of(mime);
			return new Submitted(mime, envelope, RECEIVED, "INTERNALDATE", envelope.recipients(), null, null, true);
		}
		catch (IOException ex) {
			throw new IllegalStateException(name, ex);
		}
	}

	private static String fingerprintOf(Submitted submitted) {
		return ContentFingerprint.of(submitted.mime(), new byte[0]);
	}

	/**
	 * The fixtures carry their note as an attachment, or none: what the note reader would
	 * find, without reading it.
	 */
	private static boolean hasNote(Submitted submitted) {
		return fingerprintOf(submitted).startsWith("attachments:");
	}

	/**
	 * What is filed, held in memory: applications by sender and subject, their
	 * submissions, correspondence and acknowledgements.
	 */
	private static final class FiledInMemory implements Submissions, Correspondences {

		private final Map<String, UUID> applications = new HashMap<>();

		private final List<Row> rows = new ArrayList<>();

		private final Map<UUID, List<String>> correspondence = new HashMap<>();

		private final Map<String, FiledSubmission> acknowledgements = new HashMap<>();

		private record Row(FiledSubmission submission, String sender, String messageId, String fingerprint,
				boolean hasNote) {
		}

		FiledSubmission file(Submitted submitted, Instant receivedAt) {
			Envelope envelope = submitted.envelope();
			UUID application = applicationOf(envelope);
			int version = (int) rows.stream()
				.filter(row -> row.submission().applicationId().equals(application))
				.count() + 1;
			FiledSubmission filed = new FiledSubmission(UUID.randomUUID(), application, version, receivedAt,
					Language.FR);
			rows.add(new Row(filed, envelope.sender(), envelope.messageId(), fingerprintOf(submitted),
					hasNote(submitted)));
			return filed;
		}

		UUID applicationOf(Envelope envelope) {
			return applications.computeIfAbsent(envelope.sender() + " " + envelope.subjectKey(),
					key -> UUID.randomUUID());
		}

		void acknowledged(FiledSubmission submission, String acknowledgementMessageId) {
			acknowledgements.put(SubmissionKey.normaliseMessageId(acknowledgementMessageId).toLowerCase(Locale.ROOT),
					submission);
		}

		void correspondence(UUID application, String messageId) {
			correspondence.computeIfAbsent(application, key -> new ArrayList<>()).add(messageId);
		}

		@Override
		public Optional<FiledSubmission> fromSenderWithMessageId(String sender, String messageId) {
			return rows.stream()
				.filter(row -> row.sender().equals(sender) && messageId.equals(row.messageId()))
				.map(Row::submission)
				.findFirst();
		}

		@Override
		public List<UUID> ofOtherSendersWithMessageId(String sender, String messageId) {
			return rows.stream()
				.filter(row -> !row.sender().equals(sender) && messageId.equals(row.messageId()))
				.map(row -> row.submission().id())
				.toList();
		}

		@Override
		public List<FiledSubmission> ofApplicationWithContent(UUID applicationId, String fingerprint) {
			return rows.stream()
				.filter(row -> row.submission().applicationId().equals(applicationId)
						&& row.fingerprint().equals(fingerprint))
				.map(Row::submission)
				.toList();
		}

		@Override
		public boolean latestOfApplicationHasNote(UUID applicationId) {
			return rows.stream()
				.filter(row -> row.submission().applicationId().equals(applicationId))
				.reduce((earlier, later) -> later)
				.map(Row::hasNote)
				.orElse(false);
		}

		@Override
		public Optional<UUID> applicationAnsweredBy(String sender, List<String> references) {
			return references.stream()
				.map(reference -> acknowledgements.get(reference.toLowerCase(Locale.ROOT)))
				.filter(submission -> submission != null)
				.filter(submission -> rows.stream()
					.anyMatch(row -> row.submission().equals(submission) && row.sender().equals(sender)))
				.map(FiledSubmission::applicationId)
				.findFirst();
		}

		@Override
		public Optional<UUID> ofApplicationWithMessageId(UUID applicationId, String messageId) {
			return correspondence.getOrDefault(applicationId, List.of()).contains(messageId)
					? Optional.of(UUID.nameUUIDFromBytes(messageId.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
					: Optional.empty();
		}

	}

}
