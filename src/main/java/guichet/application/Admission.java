package guichet.application;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.mail.internet.MimeMessage;

import guichet.application.Filing.Outcome;
import guichet.deadline.CallProperties;
import guichet.dedup.Envelope;
import guichet.dedup.Forward;
import guichet.dedup.NotAnApplication;
import guichet.intake.IntakeProperties;
import guichet.intake.Mailboxes;
import guichet.intake.ReceivedMessage;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Whether a received message is filed at all, and what it submits: a message too large,
 * unreadable, without a sender or that is not an application (docs/COMMITTEE.md, rule 7)
 * is refused with its reason; a committee member's mail is never the member's
 * application, but a member's forward is the original sender's (rule 6, issue #17).
 */
@Component
class Admission {

	private final IntakeProperties intake;

	private final String guichetAddress;

	private final CommitteeProperties committee;

	private final Mailboxes mailboxes;

	private final CallProperties call;

	Admission(IntakeProperties intake, @Value("${guichet.smtp.from:guichet@committee.example}") String guichetAddress,
			CommitteeProperties committee, Mailboxes mailboxes, CallProperties call) {
		this.intake = intake;
		this.guichetAddress = Envelope.normaliseAddress(guichetAddress);
		this.committee = committee;
		this.mailboxes = mailboxes;
		this.call = call;
	}

	/** What becomes of a message: filed as what it submits, or refused with a reason. */
	sealed interface Verdict permits Admitted, Refused {

	}

	record Admitted(Submitted submitted) implements Verdict {
	}

	/**
	 * @param outcome {@link Outcome#IGNORED} or {@link Outcome#QUARANTINED}
	 * @param reason what an admin reads, starting with its code
	 */
	record Refused(Outcome outcome, String reason) implements Verdict {

		static Refused by(Refusal refusal, String detail) {
			return new Refused(refusal.outcome(), refusal.because(detail));
		}

	}

	/**
	 * @param mime the parsed message, {@code null} when its bytes are not mail
	 */
	Verdict admit(ReceivedMessage received, MimeMessage mime, Envelope envelope) {
		if (received.raw().length > intake.maxMessageSize().toBytes()) {
			return Refused.by(Refusal.TOO_LARGE, "the message has " + received.raw().length
					+ " bytes, more than guichet.intake.max-message-size (" + intake.maxMessageSize() + ")");
		}
		if (mime == null) {
			return Refused.by(Refusal.UNPARSABLE, "not readable as an email message");
		}
		Optional<String> notAnApplication = NotAnApplication.reasonFor(mime, envelope, guichetAddress);
		if (notAnApplication.isPresent()) {
			return new Refused(Outcome.IGNORED, notAnApplication.get());
		}
		if (!envelope.hasSender()) {
			return Refused.by(Refusal.NO_SENDER, "the message has no From address, so there is nobody to answer");
		}
		if (committee.addresses().contains(envelope.sender())) {
			return forwardedBy(envelope, mime, received);
		}
		return new Admitted(new Submitted(mime, envelope, received.receivedAt(), received.reception().source().name(),
				arrivedAt(received, envelope), null, null, true));
	}

	/**
	 * Mail from a committee member is never the member's application (issue #17): a
	 * forward is the original sender's, judged on the time the member's copy states
	 * (never later than the forward itself reached Guichet); anything else is the
	 * member's own mail, ignored with its reason.
	 */
	private Verdict forwardedBy(Envelope member, MimeMessage mime, ReceivedMessage received) {
		Optional<Forward> found = Forward.in(mime, call.timezone());
		if (found.isEmpty()) {
			return Refused.by(Refusal.MEMBER_MAIL, "from committee member " + member.sender()
					+ ", and not a forwarded application (no attached message, no forward header block read)");
		}
		Forward forward = found.get();
		if (forward.sender() == null) {
			return Refused.by(Refusal.FORWARD_WITHOUT_ADDRESS, "forwarded by committee member " + member.sender() + " ("
					+ forward.shape() + "), but no address could be read on its From line");
		}
		if (committee.addresses().contains(forward.sender()) || forward.sender().equals(guichetAddress)) {
			return Refused.by(Refusal.MEMBER_MAIL, "committee member " + member.sender() + " forwarded mail from "
					+ forward.sender() + ", which is not an application");
		}
		Instant serverTime = received.receivedAt();
		Instant stated = forward.statedAt();
		boolean useStated = stated != null && !stated.isAfter(serverTime);
		Envelope original = new Envelope(forward.sender(), forward.senderName(), forward.subject(), forward.messageId(),
				forward.recipients(), forward.statedAt());
		Set<String> recipients = new LinkedHashSet<>(original.recipients());
		// the member had it: forwarding it proves so
		recipients.add(member.sender());
		return new Admitted(new Submitted(forward.message(), original, useStated ? stated : serverTime,
				useStated ? Submitted.FORWARD_STATED : received.reception().source().name(), List.copyOf(recipients),
				member.sender(), serverTime, forward.confirmed()));
	}

	/**
	 * The committee addresses a copy reached: its To and Cc, the member whose mailbox it
	 * was found in, and the topmost Delivered-To and X-Original-To, which the receiving
	 * server writes (an application sent in Bcc).
	 */
	private List<String> arrivedAt(ReceivedMessage received, Envelope envelope) {
		List<String> members = committee.addresses();
		Set<String> recipients = new LinkedHashSet<>(envelope.recipients());
		mailboxes.all()
			.stream()
			.filter(mailbox -> mailbox.name().equals(received.mailbox()))
			.findFirst()
			.map(mailbox -> mailbox.memberAmong(members))
			.ifPresent(recipients::add);
		envelope.deliveredTo().stream().filter(members::contains).forEach(recipients::add);
		return List.copyOf(recipients);
	}

}
