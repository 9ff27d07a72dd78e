package guichet.digest;

import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;

import guichet.application.CommitteeProperties.Member;
import guichet.application.Flag;
import guichet.deadline.CallProperties;
import guichet.digest.DigestContent.Entry;
import guichet.digest.DigestContent.Totals;
import guichet.digest.DigestProperties.Headings;
import guichet.outbox.OutgoingMail;
import guichet.outbox.OutgoingMail.Kind;
import guichet.outbox.OutgoingMessage;
import guichet.outbox.SmtpProperties;

import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Writes the committee's digest (CONTRACT §4): HTML with a plain-text alternative, readable without images or
 * scripts. Everything an applicant wrote (name, subject, note) is escaped, so that a hostile subject shows as text and
 * never runs in a committee member's mail client.
 */
@Component
class DigestComposer {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

	private final CallProperties call;

	private final SmtpProperties smtp;

	private final DigestProperties properties;

	DigestComposer(CallProperties call, SmtpProperties smtp, DigestProperties properties) {
		this.call = call;
		this.smtp = smtp;
		this.properties = properties;
	}

	OutgoingMail compose(DigestContent digest, UUID digestId, List<Member> recipients) {
		String messageId = smtp.messageId("digest." + digestId);
		String subject = subjectOf(digest);
		try {
			OutgoingMessage message = new OutgoingMessage(messageId, "digest", "auto-generated");
			message.setFrom(new InternetAddress(smtp.from(), "Guichet", "UTF-8"));
			message.setRecipients(jakarta.mail.Message.RecipientType.TO,
					recipients.stream().map(OutgoingAddress::of).toArray(InternetAddress[]::new));
			List<String> envelope = recipients.stream().map(Member::email).toList();
			message.setSubject(subject, "UTF-8");
			message.setSentDate(new Date());
			MimeBodyPart text = new MimeBodyPart();
			text.setText(text(digest, recipients), "UTF-8");
			MimeBodyPart html = new MimeBodyPart();
			html.setText(html(digest, recipients), "UTF-8", "html");
			MimeMultipart alternative = new MimeMultipart("alternative");
			alternative.addBodyPart(text); // the last part is the preferred one (RFC 2046): HTML when it can be shown
			alternative.addBodyPart(html);
			message.setContent(alternative);
			return new OutgoingMail(Kind.DIGEST, digestId.toString(), messageId, smtp.from(), envelope, subject,
					message.toBytes());
		}
		catch (MessagingException | UnsupportedEncodingException ex) {
			throw new IllegalStateException("Could not write digest " + digestId, ex);
		}
	}

	String subjectOf(DigestContent digest) {
		int count = digest.entries().size();
		if (count == 0) {
			return "Guichet : " + label("rien de nouveau", "nothing new");
		}
		return "Guichet : " + label(count + (count == 1 ? " candidature nouvelle ou modifiée"
				: " candidatures nouvelles ou modifiées"), count + (count == 1 ? " new or changed application"
						: " new or changed applications"));
	}

	String text(DigestContent digest, List<Member> recipients) {
		StringBuilder text = new StringBuilder();
		text.append(greeting(recipients)).append("\n\n");
		text.append(subjectOf(digest)).append("\n\n").append(period(digest)).append("\n\n");
		if (digest.entries().isEmpty()) {
			text.append(label("Rien de nouveau depuis le résumé précédent.", "Nothing new since the previous digest."))
				.append("\n\n");
		}
		int number = 0;
		for (Entry entry : digest.entries()) {
			text.append("=== ").append(++number).append(". ").append(entry.subject()).append(" ===\n");
			for (String[] row : rows(entry)) {
				text.append(row[0]).append(": ").append(row[1]).append('\n');
			}
			if (!entry.excerpt().isBlank()) {
				text.append(label("Début de la note", "Start of the note")).append(":\n");
				entry.excerpt().lines().forEach(line -> text.append("> ").append(line).append('\n'));
			}
			text.append('\n');
		}
		text.append("=== ").append(label("Totaux à ce jour", "Totals so far")).append(" ===\n");
		for (String[] row : totals(digest.totals())) {
			text.append(row[0]).append(": ").append(row[1]).append('\n');
		}
		return text.toString();
	}

	String html(DigestContent digest, List<Member> recipients) {
		StringBuilder html = new StringBuilder();
		html.append("<!DOCTYPE html>\n<html lang=\"").append(properties.language() == Headings.EN ? "en" : "fr")
			.append("\"><head><meta charset=\"utf-8\"><title>").append(escape(subjectOf(digest)))
			.append("</title></head>\n<body style=\"font-family: sans-serif; line-height: 1.4\">\n");
		html.append("<p>").append(escape(greeting(recipients))).append("</p>\n");
		html.append("<h1>").append(escape(subjectOf(digest))).append("</h1>\n");
		html.append("<p>").append(escape(period(digest))).append("</p>\n");
		if (digest.entries().isEmpty()) {
			html.append("<p><strong>")
				.append(escape(label("Rien de nouveau depuis le résumé précédent.", "Nothing new since the previous digest.")))
				.append("</strong></p>\n");
		}
		int number = 0;
		for (Entry entry : digest.entries()) {
			html.append("<div class=\"application\">\n<h2>").append(++number).append(". ").append(escape(entry.subject()))
				.append("</h2>\n<table cellpadding=\"3\">\n");
			for (String[] row : rows(entry)) {
				html.append("<tr><th align=\"left\" valign=\"top\">").append(escape(row[0])).append("</th><td>")
					.append(escape(row[1])).append("</td></tr>\n");
			}
			html.append("</table>\n");
			if (!entry.excerpt().isBlank()) {
				html.append("<p><em>").append(escape(label("Début de la note", "Start of the note")))
					.append("</em></p>\n<blockquote style=\"white-space: pre-wrap\">").append(escape(entry.excerpt()))
					.append("</blockquote>\n");
			}
			html.append("</div>\n");
		}
		html.append("<h2>").append(escape(label("Totaux à ce jour", "Totals so far"))).append("</h2>\n<table cellpadding=\"3\">\n");
		for (String[] row : totals(digest.totals())) {
			html.append("<tr><th align=\"left\">").append(escape(row[0])).append("</th><td>").append(escape(row[1]))
				.append("</td></tr>\n");
		}
		html.append("</table>\n</body></html>\n");
		return html.toString();
	}

	private List<String[]> rows(Entry entry) {
		ZoneId zone = call.timezone();
		List<String[]> rows = new ArrayList<>();
		rows.add(row(label("Candidat·e", "Applicant"),
				(entry.applicantName() == null ? "" : entry.applicantName() + " ") + "<" + entry.applicantEmail() + ">"));
		rows.add(row(label("Objet", "Subject"), entry.subject()));
		rows.add(row(label("Reçue le", "Received"), time(entry.receivedAt())));
		if (entry.version() > 1) {
			rows.add(row(label("Version " + entry.version() + " reçue le", "Version " + entry.version() + " received"),
					time(entry.latestReceivedAt())));
		}
		rows.add(row(label("Langue", "Language"), language(entry.language())));
		rows.add(row(label("Date limite", "Deadline"), time(entry.deadline()) + " — "
				+ ("LATE".equals(entry.deadlineStatus()) ? label("EN RETARD", "LATE") + lateBecause(entry.language())
						: label("à temps", "on time"))));
		rows.add(row(label("Note", "Note"), entry.noteFilename() != null ? entry.noteFilename()
				: entry.flags().contains(Flag.NO_NOTE) ? label("aucune", "none")
						: label("le texte du message", "the text of the message")));
		rows.add(row(label("Pages", "Pages"), entry.notePageCount() == null ? "—" : entry.notePageCount().toString()));
		rows.add(row(label("Signalements", "Flags"), entry.flags().isEmpty() ? label("aucun", "none")
				: String.join("; ", entry.flags().stream().map(this::flag).toList())));
		rows.add(row(label("Copies reçues", "Copies received"), String.valueOf(entry.copies())));
		rows.add(row(label("Membres du comité oubliés", "Committee members left out"),
				entry.missingCommittee().isEmpty() ? label("aucun", "none") : String.join(", ", entry.missingCommittee())));
		if (entry.version() > 1) {
			rows.add(row(label("Version", "Version"), String.valueOf(entry.version())));
		}
		rows.add(row(label("Fuseau horaire", "Timezone"), zone.getId()));
		return rows;
	}

	/** Why a note is late in plain words: each language has its own deadline (CONTRACT §3). */
	private String lateBecause(String language) {
		var deadlines = call.deadlines();
		if ("fr".equals(language) && deadlines.en().isAfter(deadlines.fr())) {
			return " — " + label("note en français, la date limite française (" + deadlines.fr()
					+ ") s'applique, même si celle de l'appel en anglais (" + deadlines.en() + ") est plus tardive",
					"the note is in French, so the French deadline (" + deadlines.fr()
							+ ") applies, even though the English call's deadline (" + deadlines.en() + ") is later");
		}
		if ("en".equals(language) && deadlines.fr().isAfter(deadlines.en())) {
			return " — " + label("note en anglais, la date limite anglaise (" + deadlines.en() + ") s'applique",
					"the note is in English, so the English deadline (" + deadlines.en() + ") applies");
		}
		if ("unknown".equals(language)) {
			return " — " + label("langue non reconnue, la date limite la plus tardive s'applique",
					"the language was not recognised, so the later deadline applies");
		}
		return "";
	}

	private List<String[]> totals(Totals totals) {
		List<String[]> rows = new ArrayList<>();
		rows.add(row(label("Candidatures", "Applications"), String.valueOf(totals.applications())));
		for (Map.Entry<String, Integer> language : totals.byLanguage().entrySet()) {
			rows.add(row(label("Langue", "Language") + " : " + language(language.getKey()),
					String.valueOf(language.getValue())));
		}
		rows.add(row(label("À temps", "On time"), String.valueOf(totals.onTime())));
		rows.add(row(label("En retard", "Late"), String.valueOf(totals.late())));
		for (Map.Entry<Flag, Integer> flag : totals.byFlag().entrySet()) {
			rows.add(row(flag(flag.getKey()), String.valueOf(flag.getValue())));
		}
		return rows;
	}

	/** "Bonjour Odile Chagny, Ignacio Doreste, …": the members it goes to, by name when the committee gives one. */
	String greeting(List<Member> recipients) {
		List<String> names = recipients.stream().map(Member::name).filter(java.util.Objects::nonNull).toList();
		if (names.isEmpty()) {
			return label("Bonjour,", "Hello,");
		}
		return label("Bonjour", "Hello") + " " + String.join(", ", names) + ",";
	}

	private String period(DigestContent digest) {
		String until = time(digest.until()) + " (" + call.timezone().getId() + ")";
		if (digest.since() == null) {
			return label("Toutes les candidatures jusqu'au " + until, "All applications until " + until);
		}
		String since = time(digest.since());
		return label("Candidatures nouvelles ou modifiées du " + since + " au " + until,
				"Applications new or changed from " + since + " to " + until);
	}

	private String flag(Flag flag) {
		return label(flag.inFrench(), flag.inEnglish());
	}

	private String language(String code) {
		return switch (code == null ? "unknown" : code) {
			case "fr" -> label("français", "French");
			case "en" -> label("anglais", "English");
			default -> label("non reconnue", "not recognised");
		};
	}

	private String time(Instant instant) {
		return instant == null ? "—" : TIME.format(instant.atZone(call.timezone()));
	}

	private String label(String french, String english) {
		return switch (properties.language()) {
			case FR -> french;
			case EN -> english;
			case BILINGUAL -> french.equals(english) ? french : french + " / " + english;
		};
	}

	private static String[] row(String label, String value) {
		return new String[] { label, value == null ? "" : value };
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text == null ? "" : text, "UTF-8");
	}

	/** A recipient from the configuration (address already validated at start-up), with its name when it has one. */
	private static final class OutgoingAddress {

		private OutgoingAddress() {
		}

		static InternetAddress of(Member recipient) {
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

}
