package guichet.acknowledgement;

import java.io.UnsupportedEncodingException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;

import guichet.application.CommitteeProperties;
import guichet.application.CommitteeProperties.Member;
import guichet.deadline.CallProperties;
import guichet.mail.MailTemplates;
import guichet.outbox.OutgoingMail;
import guichet.outbox.OutgoingMail.Kind;
import guichet.outbox.OutgoingMessage;
import guichet.outbox.SmtpProperties;
import guichet.untrusted.MessageValue;

import org.springframework.stereotype.Component;

/**
 * Writes the acknowledgement of one submission (CONTRACT §4): in the language of the note
 * (both French and English when it is unknown), as a reply in the applicant's thread,
 * saying what was received and, in plain words, each problem the committee will see. It
 * is an automatic answer (RFC 3834: {@code Auto-Submitted: auto-replied}) and asks for no
 * reply; its Reply-To is the committee, so that an answer all the same reaches people and
 * is filed with the application. The words are in
 * {@code templates/mail/acknowledgement.txt} and {@code messages*.properties}; what they
 * say is decided once, in {@link AcknowledgementFacts}.
 */
@Component
class AcknowledgementWriter {

	private final CallProperties call;

	private final SmtpProperties smtp;

	private final MailTemplates templates;

	private final CommitteeProperties committee;

	AcknowledgementWriter(CallProperties call, SmtpProperties smtp, MailTemplates templates,
			CommitteeProperties committee) {
		this.call = call;
		this.smtp = smtp;
		this.templates = templates;
		this.committee = committee;
	}

	OutgoingMail write(Receipt stored, UUID submissionId) {
		// cleaned again where it is used: no applicant-chosen line break reaches a header
		// or a greeting, whatever an older version of Guichet stored (issue #17)
		Receipt receipt = stored.withApplicantName(MessageValue.DISPLAY_NAME.clean(stored.applicantName()));
		String messageId = smtp.messageId("acknowledgement." + submissionId);
		String subject = subjectOf(receipt);
		try {
			OutgoingMessage message = new OutgoingMessage(messageId, "acknowledgement", "auto-replied");
			message.setFrom(new InternetAddress(smtp.from(), "Guichet", "UTF-8"));
			// an applicant who answers writes to the committee, whose mailboxes Guichet
			// reads, not to a sender address nobody may read: the answer is filed with
			// the application
			message.setReplyTo(committeeAddresses());
			message.setRecipient(RecipientType.TO,
					new InternetAddress(receipt.applicantEmail(), receipt.applicantName(), "UTF-8"));
			message.setSubject(subject, "UTF-8");
			message.setSentDate(new java.util.Date());
			if (receipt.messageId() != null) {
				message.setHeader("In-Reply-To", "<" + receipt.messageId() + ">");
				message.setHeader("References", "<" + receipt.messageId() + ">");
			}
			message.setHeader("Content-Language",
					receipt.isInFrench() ? "fr" : receipt.isInEnglish() ? "en" : "fr, en");
			message.setText(bodyOf(receipt), "UTF-8");
			return new OutgoingMail(Kind.ACKNOWLEDGEMENT, submissionId.toString(), messageId, smtp.from(),
					List.of(receipt.applicantEmail()), subject, message.toBytes());
		}
		catch (MessagingException | UnsupportedEncodingException ex) {
			throw new IllegalStateException("Could not write the acknowledgement of submission " + submissionId, ex);
		}
	}

	private InternetAddress[] committeeAddresses() throws UnsupportedEncodingException {
		List<Member> members = committee.members();
		InternetAddress[] addresses = new InternetAddress[members.size()];
		for (int i = 0; i < addresses.length; i++) {
			Member member = members.get(i);
			addresses[i] = new InternetAddress(member.address(), member.name(), "UTF-8");
		}
		return addresses;
	}

	/**
	 * "Re: " and the applicant's subject, so that mail clients thread it under the
	 * application.
	 */
	static String subjectOf(Receipt receipt) {
		String original = receipt.subject() == null ? "" : receipt.subject().strip();
		if (original.isEmpty()) {
			original = receipt.isInFrench() ? "Votre candidature"
					: receipt.isInEnglish() ? "Your application" : "Votre candidature / Your application";
		}
		return original.regionMatches(true, 0, "Re:", 0, 3) ? original : "Re: " + original;
	}

	/** In the note's language; in French then English when it is unknown. */
	String bodyOf(Receipt receipt) {
		if (receipt.isInFrench()) {
			return inLanguage(receipt, Locale.FRENCH);
		}
		if (receipt.isInEnglish()) {
			return inLanguage(receipt, Locale.ENGLISH);
		}
		return inLanguage(receipt, Locale.FRENCH) + "\n-------- English --------\n\n"
				+ inLanguage(receipt, Locale.ENGLISH);
	}

	private String inLanguage(Receipt receipt, Locale locale) {
		return templates.render("acknowledgement.txt", locale, Map.of("ack", AcknowledgementFacts.of(receipt, call)));
	}

}
