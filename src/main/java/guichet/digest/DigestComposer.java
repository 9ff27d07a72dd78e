package guichet.digest;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
import guichet.application.Flag;
import guichet.mail.PublicUrlProperties;
import guichet.deadline.CallProperties;
import guichet.deadline.DeadlineReason;
import guichet.deadline.DeadlineStatus;
import guichet.digest.DigestContent.Entry;
import guichet.digest.DigestContent.Totals;
import guichet.digest.DigestProperties.Headings;
import guichet.mail.MailTemplates;
import guichet.outbox.OutgoingMail;
import guichet.outbox.OutgoingMail.Kind;
import guichet.outbox.OutgoingMessage;
import guichet.outbox.SmtpProperties;

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

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

	/**
	 * Under Gmail's clipping point (about 102 KB of HTML) with room to spare (issue #21:
	 * 300 applications).
	 */
	static final int HTML_BUDGET = 90_000;

	/** Enough of the note to recall which one it is; the page has the rest. */
	private static final int EXCERPT = 240;

	private final CallProperties call;

	private final SmtpProperties smtp;

	private final DigestProperties properties;

	private final MailTemplates templates;

	private final PublicUrlProperties publicUrl;

	private final DeadlineReason deadlineReason;

	DigestComposer(CallProperties call, SmtpProperties smtp, DigestProperties properties, MailTemplates templates,
			PublicUrlProperties publicUrl, DeadlineReason deadlineReason) {
		this.call = call;
		this.smtp = smtp;
		this.properties = properties;
		this.templates = templates;
		this.publicUrl = publicUrl;
		this.deadlineReason = deadlineReason;
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
			alternative.addBodyPart(text); // the last part is the preferred one (RFC
											// 2046): HTML when it can be shown
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
		return "Guichet : " + label(
				count + (count == 1 ? " candidature nouvelle ou modifiée" : " candidatures nouvelles ou modifiées"),
				count + (count == 1 ? " new or changed application" : " new or changed applications"));
	}

	/**
	 * The plain-text part: the same summary, readable in a terminal, with every
	 * application's details.
	 */
	String text(DigestContent digest, List<Member> recipients) {
		return templates.render("digest.txt", locale(),
				Map.of("digest", view(digest, digest.entries().size(), recipients)));
	}

	/**
	 * The HTML part: one compact table with a link to each application's page, the
	 * totals, then short details for as many applications as fit in {@link #HTML_BUDGET}
	 * bytes (Gmail clips a message whose HTML passes about 102 KB); the others are a
	 * click away, on their pages.
	 */
	String html(DigestContent digest, List<Member> recipients) {
		int all = digest.entries().size();
		String html = renderHtml(digest, all, recipients);
		if (bytes(html) <= HTML_BUDGET) {
			return html;
		}
		int fits = 0;
		int tooMany = all;
		while (tooMany - fits > 1) {
			int middle = (fits + tooMany) / 2;
			if (bytes(renderHtml(digest, middle, recipients)) <= HTML_BUDGET) {
				fits = middle;
			}
			else {
				tooMany = middle;
			}
		}
		return renderHtml(digest, fits, recipients);
	}

	private String renderHtml(DigestContent digest, int details, List<Member> recipients) {
		return templates.render("digest.html", locale(), Map.of("digest", view(digest, details, recipients)));
	}

	private static int bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

	private Locale locale() {
		return properties.language() == Headings.EN ? Locale.ENGLISH : Locale.FRENCH;
	}

	/** What the templates lay out; every label is already in the digest's language(s). */
	record DigestView(String lang, String greeting, String title, String period, String nothingNew,
			List<String> columns, List<RowView> rows, String totalsTitle, List<Fact> totals, String detailsTitle,
			List<DetailView> details, String more, String listUrl, String listLabel) {
	}

	record RowView(int number, String applicant, String email, String url, String language, String received,
			boolean late, String deadline, String flags) {
	}

	record DetailView(int number, String subject, String url, List<Fact> facts, String excerptLabel, String excerpt) {
	}

	record Fact(String label, String value) {
	}

	private DigestView view(DigestContent digest, int details, List<Member> recipients) {
		List<RowView> rows = new ArrayList<>();
		List<DetailView> detailViews = new ArrayList<>();
		int number = 0;
		for (Entry entry : digest.entries()) {
			number++;
			String url = publicUrl.page("/applications/" + entry.applicationId());
			boolean late = entry.deadlineStatus() == DeadlineStatus.LATE;
			rows.add(new RowView(number,
					shortened(entry.applicantName() == null || entry.applicantName().isBlank() ? entry.applicantEmail()
							: entry.applicantName(), 60),
					shortened(entry.applicantEmail(), 80), url, languageCode(entry.language()),
					time(entry.receivedAt()), late, late ? label("EN RETARD", "LATE") : label("à temps", "on time"),
					String.join(", ",
							entry.flags().stream().filter(flag -> flag != Flag.LATE).map(this::shortFlag).toList())));
			if (number <= details) {
				detailViews.add(new DetailView(number, entry.subject(), url, facts(entry),
						label("Début de la note", "Start of the note"), shortened(entry.excerpt(), EXCERPT)));
			}
		}
		int left = digest.entries().size() - detailViews.size();
		return new DigestView(properties.language() == Headings.EN ? "en" : "fr", greeting(recipients),
				subjectOf(digest), period(digest),
				digest.entries().isEmpty()
						? label("Rien de nouveau depuis le résumé précédent.", "Nothing new since the previous digest.")
						: null,
				List.of("#", label("Candidat·e", "Applicant"), label("Langue", "Language"),
						label("Reçue le", "Received"), label("Date limite", "Deadline"),
						label("Signalements", "Flags")),
				rows, label("Totaux à ce jour", "Totals so far"),
				totals(digest.totals()).stream().map(row -> new Fact(row[0], row[1])).toList(),
				label("Détails", "Details"), detailViews,
				left == 0 ? null
						: label(left + " autre(s) : détails sur leur page", left + " more: details on their pages"),
				publicUrl.page("/applications"), label("Toutes les candidatures", "All applications"));
	}

	private List<Fact> facts(Entry entry) {
		List<Fact> facts = new ArrayList<>();
		facts.add(new Fact(label("Candidat·e", "Applicant"),
				(entry.applicantName() == null ? "" : entry.applicantName() + " ") + "<" + entry.applicantEmail()
						+ ">"));
		if (entry.version() > 1) {
			facts.add(new Fact(
					label("Version " + entry.version() + " reçue le", "Version " + entry.version() + " received"),
					time(entry.latestReceivedAt())));
		}
		facts.add(new Fact(label("Langue", "Language"), language(entry.language())));
		if (entry.deadlineStatus() == DeadlineStatus.LATE) {
			facts.add(new Fact(label("Date limite", "Deadline"), time(entry.deadline()) + " — "
					+ label("EN RETARD", "LATE") + " — " + lateBecause(entry.language())));
		}
		facts.add(new Fact(label("Note", "Note"),
				(entry.noteFilename() != null ? entry.noteFilename()
						: entry.flags().contains(Flag.NO_NOTE) ? label("aucune", "none")
								: label("le texte du message", "the text of the message"))
						+ (entry.notePageCount() == null ? "" : " (" + entry.notePageCount() + " p.)")));
		if (!entry.flags().isEmpty()) {
			facts.add(new Fact(label("Signalements", "Flags"),
					String.join("; ", entry.flags().stream().map(this::flag).toList())));
		}
		if (!entry.missingCommittee().isEmpty()) {
			facts.add(new Fact(label("Membres du comité oubliés", "Committee members left out"),
					String.join(", ", entry.missingCommittee())));
		}
		if (entry.copies() > 1) {
			facts.add(new Fact(label("Copies reçues", "Copies received"), String.valueOf(entry.copies())));
		}
		if (entry.version() > 1) {
			facts.add(new Fact(label("Version", "Version"), String.valueOf(entry.version())));
		}
		return facts;
	}

	/**
	 * Why a note is late in plain words: each language has its own deadline (CONTRACT
	 * §3).
	 */
	private String lateBecause(String language) {
		return switch (properties.language()) {
			case FR -> deadlineReason.of(language, true, true);
			case EN -> deadlineReason.of(language, true, false);
			case BILINGUAL ->
				deadlineReason.of(language, true, true) + " / " + deadlineReason.of(language, true, false);
		};
	}

	private String shortFlag(Flag flag) {
		return switch (flag) {
			case LATE -> label("retard", "late");
			case NO_NOTE -> label("sans note", "no note");
			case NOTE_TOO_LONG -> label("trop longue", "too long");
			case NOTE_UNREADABLE -> label("illisible", "unreadable");
			case LANGUAGE_UNKNOWN -> label("langue ?", "language?");
			case COMMITTEE_INCOMPLETE -> label("membres oubliés", "members left out");
			case RESUBMITTED -> label("nouvelle version", "new version");
			case OUTSIDE_ELIGIBLE_COUNTRIES -> label("pays ?", "countries?");
			case POSSIBLE_DUPLICATE -> label("doublon ?", "duplicate?");
			case FORWARDED -> label("transférée", "forwarded");
			case MESSAGE_ID_REUSED -> label("Message-ID réutilisé", "Message-ID reused");
		};
	}

	private static String languageCode(String code) {
		return code == null || "unknown".equals(code) ? "?" : code.toUpperCase(Locale.ROOT);
	}

	private static String shortened(String text, int max) {
		if (text == null) {
			return "";
		}
		return text.codePointCount(0, text.length()) <= max ? text
				: text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
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

	/**
	 * "Bonjour Odile Chagny, Ignacio Doreste, …": the members it goes to, by name when
	 * the committee gives one.
	 */
	String greeting(List<Member> recipients) {
		List<String> names = recipients.stream().map(Member::name).filter(java.util.Objects::nonNull).toList();
		if (names.isEmpty()) {
			return label("Bonjour,", "Hello,");
		}
		return label("Bonjour", "Hello") + " " + String.join(", ", names) + ",";
	}

	/** The period, with the time zone said once for every time in the digest. */
	private String period(DigestContent digest) {
		String zone = " (" + call.timezone().getId() + ")";
		String until = time(digest.until());
		if (digest.since() == null) {
			return label("Toutes les candidatures jusqu'au " + until, "All applications until " + until) + zone;
		}
		String since = time(digest.since());
		return label("Candidatures nouvelles ou modifiées du " + since + " au " + until,
				"Applications new or changed from " + since + " to " + until) + zone;
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

	/**
	 * A recipient from the configuration (address already validated at start-up), with
	 * its name when it has one.
	 */
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
