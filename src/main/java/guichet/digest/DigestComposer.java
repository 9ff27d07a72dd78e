package guichet.digest;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;

import guichet.application.CommitteeProperties.Member;
import guichet.mail.PublicUrlProperties;
import guichet.deadline.CallProperties;
import guichet.deadline.DeadlineReason;
import guichet.digest.DigestProperties.Headings;
import guichet.mail.MailTemplates;
import guichet.outbox.OutgoingMail;
import guichet.outbox.OutgoingMail.Kind;
import guichet.outbox.OutgoingMessage;
import guichet.outbox.SmtpProperties;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Writes the committee's digest (CONTRACT §4) from the templates mail/digest.html and
 * mail/digest.txt: a summary with a link to each application's page, HTML with a
 * plain-text alternative, readable without images or scripts. Everything an applicant
 * wrote (name, subject, note) is escaped by the template engine, so that a hostile
 * subject shows as text and never runs in a committee member's mail client.
 */
@Component
class DigestComposer {

	/**
	 * Under Gmail's clipping point (about 102 KB of HTML) with room to spare (issue #21:
	 * 300 applications).
	 */
	static final int HTML_BUDGET = 90_000;

	private final SmtpProperties smtp;

	private final DigestProperties properties;

	private final MailTemplates templates;

	private final MessageSource messages;

	private final DeadlineReason deadlineReason;

	private final DigestLayout layout;

	DigestComposer(CallProperties call, SmtpProperties smtp, DigestProperties properties, MailTemplates templates,
			MessageSource messages, PublicUrlProperties publicUrl, DeadlineReason deadlineReason) {
		this.smtp = smtp;
		this.properties = properties;
		this.templates = templates;
		this.messages = messages;
		this.deadlineReason = deadlineReason;
		this.layout = new DigestLayout(call, publicUrl);
	}

	/**
	 * One mail per language of headings among the recipients: members whose record says
	 * {@code fr} or {@code en} get the digest in that language, the others in
	 * {@code guichet.digest.language} (bilingual unless set). Every recipient is in
	 * exactly one of these mails, each one a cause of its own in the outbox; the mail in
	 * {@code guichet.digest.language} keeps the digest's own cause and Message-ID.
	 */
	List<OutgoingMail> compose(DigestContent digest, UUID digestId, List<Member> recipients) {
		Map<Headings, List<Member>> byHeadings = new EnumMap<>(Headings.class);
		for (Member recipient : recipients) {
			byHeadings.computeIfAbsent(headingsFor(recipient), headings -> new ArrayList<>()).add(recipient);
		}
		return byHeadings.entrySet()
			.stream()
			.map(group -> compose(digest, digestId, group.getValue(), words(group.getKey())))
			.toList();
	}

	private Headings headingsFor(Member recipient) {
		return recipient.language() == null ? this.properties.language()
				: Headings.valueOf(recipient.language().toUpperCase(Locale.ROOT));
	}

	private OutgoingMail compose(DigestContent digest, UUID digestId, List<Member> recipients, DigestWords words) {
		String cause = digestId + (words.headings() == this.properties.language() ? ""
				: "." + words.headings().name().toLowerCase(Locale.ROOT));
		String messageId = smtp.messageId("digest." + cause);
		String subject = layout.subjectOf(digest, words);
		try {
			OutgoingMessage message = new OutgoingMessage(messageId, "digest", "auto-generated");
			message.setFrom(new InternetAddress(smtp.from(), "Guichet", "UTF-8"));
			message.setRecipients(jakarta.mail.Message.RecipientType.TO,
					recipients.stream().map(DigestComposer::address).toArray(InternetAddress[]::new));
			message.setSubject(subject, "UTF-8");
			message.setSentDate(new Date());
			MimeBodyPart text = new MimeBodyPart();
			text.setText(text(digest, recipients, words), "UTF-8");
			MimeBodyPart html = new MimeBodyPart();
			html.setText(html(digest, recipients, words), "UTF-8", "html");
			MimeMultipart alternative = new MimeMultipart("alternative");
			// the last part is the preferred one (RFC 2046): HTML when it can be shown
			alternative.addBodyPart(text);
			alternative.addBodyPart(html);
			message.setContent(alternative);
			return new OutgoingMail(Kind.DIGEST, cause, messageId, smtp.from(),
					recipients.stream().map(Member::email).toList(), subject, message.toBytes());
		}
		catch (MessagingException | UnsupportedEncodingException ex) {
			throw new IllegalStateException("Could not write digest " + digestId, ex);
		}
	}

	DigestWords words(Headings headings) {
		return new DigestWords(headings, this.messages, this.deadlineReason);
	}

	/**
	 * The plain-text part: the same summary, readable in a terminal, with every
	 * application's details.
	 */
	String text(DigestContent digest, List<Member> recipients, DigestWords words) {
		return templates.render("digest.txt", words.locale(),
				Map.of("digest", layout.of(digest, digest.entries().size(), recipients, words)));
	}

	/**
	 * The HTML part: one compact table with a link to each application's page, the
	 * totals, then short details for as many applications as fit in {@link #HTML_BUDGET}
	 * bytes (Gmail clips a message whose HTML passes about 102 KB); the others are a
	 * click away, on their pages.
	 */
	String html(DigestContent digest, List<Member> recipients, DigestWords words) {
		int all = digest.entries().size();
		String html = renderHtml(digest, all, recipients, words);
		if (bytes(html) <= HTML_BUDGET) {
			return html;
		}
		int fits = 0;
		int tooMany = all;
		while (tooMany - fits > 1) {
			int middle = (fits + tooMany) / 2;
			if (bytes(renderHtml(digest, middle, recipients, words)) <= HTML_BUDGET) {
				fits = middle;
			}
			else {
				tooMany = middle;
			}
		}
		return renderHtml(digest, fits, recipients, words);
	}

	private String renderHtml(DigestContent digest, int details, List<Member> recipients, DigestWords words) {
		return templates.render("digest.html", words.locale(),
				Map.of("digest", layout.of(digest, details, recipients, words)));
	}

	private static int bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

	/**
	 * A recipient from the configuration (address already validated at start-up), with
	 * its name when it has one.
	 */
	private static InternetAddress address(Member recipient) {
		try {
			InternetAddress address = new InternetAddress(recipient.email(), true);
			if (recipient.name() != null) {
				address.setPersonal(recipient.name(), "UTF-8");
			}
			return address;
		}
		catch (jakarta.mail.internet.AddressException | UnsupportedEncodingException ex) {
			throw new IllegalStateException("Invalid digest recipient " + recipient.email(), ex);
		}
	}

}
