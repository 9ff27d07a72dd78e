package guichet.dedup;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.jsoup.Jsoup;

/**
 * A message a committee member forwarded (issue #17): who originally sent it, when the
 * member got it, about what, and the message to read the note from. Members forward
 * applications they received at their own address, as an attached message
 * ({@code message/rfc822}) or inline, under the header block their mail client writes.
 * The shapes read are listed in docs/FORWARDS.md; anything else is not a forward.
 *
 * @param sender the original sender's address, lower-cased
 * @param senderName the original sender's display name, or {@code null}
 * @param confirmed whether the sender's address was read unambiguously (exactly one
 * address on the From line, or the attached message's From header): only then is the
 * applicant acknowledged
 * @param subject the original subject
 * @param messageId the original Message-ID (attached forwards only), or {@code null}
 * @param recipients the original To and Cc addresses
 * @param statedAt when the member's copy says it was received or sent, or {@code null}
 * when it says nothing readable
 * @param message the message to read the note from: the attached message, or the forward
 * with its text cut to the forwarded part
 * @param shape which shape was recognised, for the admin
 */
public record Forward(String sender, String senderName, boolean confirmed, String subject, String messageId,
		List<String> recipients, Instant statedAt, MimeMessage message, String shape) {

	/**
	 * The separator lines that open a forwarded block, in the clients' own words (FR, EN,
	 * DE).
	 */
	private static final Pattern SEPARATOR = Pattern.compile("(?im)^[ \\t>]*(?:"
			+ "-{2,}\\s*(?:Message transf[ée]r[ée]|Forwarded [Mm]essage|Weitergeleitete Nachricht|Original Message"
			+ "|Message d'origine|Message original|Urspr[üu]ngliche Nachricht)\\s*-{2,}" + "|_{10,})[ \\t]*$");

	/** A header line of a forwarded block: "From: …", "De : …", "*Von:* …". */
	private static final Pattern HEADER_LINE = Pattern
		.compile("^[ \\t>]*\\*?([A-Za-zÀ-ÿ][A-Za-zÀ-ÿ .'-]{0,20}?)\\*?[ \\t\\u00a0]*:\\*?[ \\t\\u00a0]*(.*)$");

	/** The keys of the block's header lines, by meaning. */
	private static final Map<String, String> KEYS = Map.ofEntries(Map.entry("from", "from"), Map.entry("de", "from"),
			Map.entry("von", "from"), Map.entry("expéditeur", "from"), Map.entry("date", "date"),
			Map.entry("datum", "date"), Map.entry("sent", "date"), Map.entry("envoyé", "date"),
			Map.entry("envoyé le", "date"), Map.entry("gesendet", "date"), Map.entry("subject", "subject"),
			Map.entry("objet", "subject"), Map.entry("sujet", "subject"), Map.entry("betreff", "subject"),
			Map.entry("to", "to"), Map.entry("à", "to"), Map.entry("a", "to"), Map.entry("pour", "to"),
			Map.entry("an", "to"), Map.entry("cc", "cc"));

	/**
	 * Lines searched for a forwarded block: a member's comment above it is a few lines.
	 */
	private static final int MAX_LINES_BEFORE_BLOCK = 200;

	private static final Pattern ADDRESS = Pattern
		.compile("[^\\s<>\\[\\]()\",;:]+@[^\\s<>\\[\\]()\",;:]+\\.[^\\s<>\\[\\]()\",;:]+");

	/**
	 * The forward in a message, if it is one: first an attached message, then an inline
	 * header block in the text.
	 * @param zone the zone of a stated time that gives none (the call's)
	 */
	public static Optional<Forward> in(MimeMessage message, ZoneId zone) {
		try {
			Optional<Forward> attached = attached(message);
			if (attached.isPresent()) {
				return attached;
			}
			String text = bodyText(message);
			return text == null ? Optional.empty() : inline(message, text, zone);
		}
		catch (MessagingException | IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	private static Optional<Forward> attached(MimeMessage message) throws MessagingException, IOException {
		if (!message.isMimeType("multipart/*") || !(message.getContent() instanceof Multipart multipart)) {
			return Optional.empty();
		}
		for (int i = 0; i < Math.min(multipart.getCount(), 50); i++) {
			BodyPart part = multipart.getBodyPart(i);
			if ((part.isMimeType("message/rfc822") || part.isMimeType("message/global"))
					&& part.getContent() instanceof MimeMessage inner) {
				Envelope original = Envelope.of(inner);
				if (!original.hasSender()) {
					continue;
				}
				Instant stated = original.sentAt();
				Optional<Instant> received = topmostReceived(inner);
				return Optional.of(new Forward(original.sender(), original.senderName(), true, original.subject(),
						original.messageId(), original.recipients(), received.orElse(stated), inner,
						"attached message"));
			}
		}
		return Optional.empty();
	}

	/**
	 * The topmost Received: of the attached message: the member's own server stamped it.
	 */
	private static Optional<Instant> topmostReceived(MimeMessage message) {
		try {
			String[] received = message.getHeader("Received");
			if (received == null || received.length == 0) {
				return Optional.empty();
			}
			int semicolon = received[0].lastIndexOf(';');
			if (semicolon < 0) {
				return Optional.empty();
			}
			Date date = new MailDateFormat().parse(received[0].substring(semicolon + 1).strip());
			return Optional.ofNullable(date).map(Date::toInstant);
		}
		catch (MessagingException | java.text.ParseException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	static Optional<Forward> inline(MimeMessage message, String text, ZoneId zone) {
		String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
		int limit = Math.min(lines.length, MAX_LINES_BEFORE_BLOCK);
		for (int i = 0; i < limit; i++) {
			boolean separator = SEPARATOR.matcher(lines[i]).matches();
			int start = separator ? i + 1 : i;
			Block block = readBlock(lines, start);
			if (block != null && (separator || block.keys() >= 3)) {
				return block.toForward(message, lines, zone, separator ? lines[i].strip() : "header block");
			}
		}
		return Optional.empty();
	}

	/**
	 * The header lines from {@code start}: blank lines before them are skipped, a blank
	 * line after them ends them.
	 */
	private static Block readBlock(String[] lines, int start) {
		int i = start;
		while (i < lines.length && i < start + 3 && lines[i].replace(">", "").isBlank()) {
			i++;
		}
		var values = new java.util.LinkedHashMap<String, String>();
		String last = null;
		for (; i < lines.length && i < start + 20; i++) {
			String line = lines[i];
			if (line.replace(">", "").isBlank()) {
				break;
			}
			Matcher header = HEADER_LINE.matcher(line);
			String key = header.matches() ? KEYS.get(header.group(1).strip().toLowerCase(Locale.ROOT)) : null;
			if (key != null && !values.containsKey(key)) {
				values.put(key, header.group(2).strip());
				last = key;
			}
			else if (last != null && (line.startsWith(" ") || line.startsWith("\t")) && !"date".equals(last)) {
				// a long To: or Subject: wrapped by the mail client
				values.put(last, values.get(last) + " " + line.strip());
			}
			else {
				break;
			}
		}
		if (!values.containsKey("from") || values.size() < 2) {
			return null;
		}
		return new Block(values, i);
	}

	private record Block(Map<String, String> values, int end) {

		int keys() {
			return values.size();
		}

		Optional<Forward> toForward(MimeMessage message, String[] lines, ZoneId zone, String shape) {
			List<String> addresses = addresses(values.get("from"));
			if (addresses.isEmpty()) {
				return Optional.of(new Forward(null, null, false, values.getOrDefault("subject", ""), null, List.of(),
						null, message, shape));
			}
			String name = nameIn(values.get("from"));
			var recipients = new ArrayList<String>();
			recipients.addAll(addresses(values.getOrDefault("to", "")));
			recipients.addAll(addresses(values.getOrDefault("cc", "")));
			String forwardedText = String.join("\n",
					java.util.Arrays.copyOfRange(lines, Math.min(end, lines.length), lines.length));
			return Optional.of(new Forward(addresses.get(0), name, addresses.size() == 1,
					values.getOrDefault("subject", ""), null, recipients, statedTime(values.get("date"), zone),
					withText(message, unquoted(forwardedText)), shape));
		}

	}

	/**
	 * The distinct addresses in a value ("Ana <ana@x.org>", "Ana [mailto:ana@x.org]",
	 * "ana@x.org").
	 */
	static List<String> addresses(String value) {
		if (value == null) {
			return List.of();
		}
		Set<String> found = new LinkedHashSet<>();
		Matcher matcher = ADDRESS.matcher(value.replace("mailto:", " "));
		while (matcher.find() && found.size() < 200) {
			String address = Envelope.normaliseAddress(matcher.group().replaceAll("[.]+$", ""));
			if (address != null) {
				found.add(address);
			}
		}
		return List.copyOf(found);
	}

	private static String nameIn(String from) {
		int cut = from.length();
		for (char c : new char[] { '<', '[', '(' }) {
			int at = from.indexOf(c);
			if (at >= 0) {
				cut = Math.min(cut, at);
			}
		}
		String name = from.substring(0, cut).replace("\"", "").replace("*", "").strip();
		return name.isEmpty() || name.contains("@") ? null : name;
	}

	private static String unquoted(String text) {
		return text.replaceAll("(?m)^> ?", "");
	}

	/**
	 * The forward with its text replaced by the forwarded part (the member's comment and
	 * the header block removed), its files kept: the note is read from what the applicant
	 * wrote.
	 */
	private static MimeMessage withText(MimeMessage forward, String forwardedText) {
		try {
			var copy = new MimeMessage(forward.getSession() != null ? forward.getSession()
					: jakarta.mail.Session.getInstance(new java.util.Properties()));
			var mixed = new MimeMultipart("mixed");
			var text = new MimeBodyPart();
			text.setText(forwardedText, "UTF-8");
			mixed.addBodyPart(text);
			if (forward.isMimeType("multipart/*") && forward.getContent() instanceof Multipart parts) {
				for (int i = 0; i < parts.getCount(); i++) {
					BodyPart part = parts.getBodyPart(i);
					if (isBody(part)) {
						continue;
					}
					mixed.addBodyPart(copyOf(part));
				}
			}
			copy.setContent(mixed);
			copy.setHeader("Content-Type", mixed.getContentType());
			return copy;
		}
		catch (MessagingException | IOException | RuntimeException ex) {
			return forward;
		}
	}

	private static BodyPart copyOf(BodyPart part) throws MessagingException {
		if (part instanceof MimeBodyPart mime) {
			try (var in = mime.getRawInputStream()) {
				var headers = new jakarta.mail.internet.InternetHeaders();
				var names = mime.getAllHeaderLines();
				while (names.hasMoreElements()) {
					headers.addHeaderLine(names.nextElement());
				}
				return new MimeBodyPart(headers, in.readAllBytes());
			}
			catch (IOException ex) {
				throw new MessagingException("unreadable part", ex);
			}
		}
		return part;
	}

	/**
	 * The text bodies (and the alternatives holding them) are replaced; files and
	 * forwarded messages are kept.
	 */
	private static boolean isBody(Part part) throws MessagingException {
		if (part.isMimeType("multipart/alternative")) {
			return true;
		}
		boolean text = part.isMimeType("text/plain") || part.isMimeType("text/html");
		return text && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) && part.getFileName() == null;
	}

	/**
	 * The message's own text: its first text/plain part, else its first text/html part as
	 * text.
	 */
	static String bodyText(Part message) throws MessagingException, IOException {
		String plain = firstText(message, "text/plain", 0);
		if (plain != null) {
			return plain;
		}
		String html = firstText(message, "text/html", 0);
		if (html == null) {
			return null;
		}
		String marked = html.replaceAll("(?i)<br\\s*/?>|</p>|</div>|</tr>|</li>|</h\\d>", "\n");
		return Jsoup.parse(marked).wholeText();
	}

	private static String firstText(Part part, String type, int depth) throws MessagingException, IOException {
		if (depth > 5) {
			return null;
		}
		if (part.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
			Object content = part.getContent();
			return content instanceof String text ? text : null;
		}
		if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < Math.min(multipart.getCount(), 20); i++) {
				String text = firstText(multipart.getBodyPart(i), type, depth + 1);
				if (text != null) {
					return text;
				}
			}
		}
		return null;
	}

	private static final Map<String, Integer> MONTHS = months();

	private static Map<String, Integer> months() {
		var months = new java.util.HashMap<String, Integer>();
		String[][] names = { { "jan", "janv", "january", "janvier", "januar", "jänner" },
				{ "feb", "févr", "fevr", "february", "février", "fevrier", "februar" },
				{ "mar", "mars", "march", "märz", "maerz", "mrz" }, { "apr", "avr", "april", "avril" },
				{ "may", "mai" }, { "jun", "juin", "june", "juni" }, { "jul", "juil", "july", "juillet", "juli" },
				{ "aug", "août", "aout", "august" }, { "sep", "sept", "september", "septembre" },
				{ "oct", "okt", "october", "octobre", "oktober" }, { "nov", "november", "novembre" },
				{ "dec", "déc", "dez", "december", "décembre", "decembre", "dezember" } };
		for (int month = 0; month < names.length; month++) {
			for (String name : names[month]) {
				months.put(name, month + 1);
			}
		}
		return Map.copyOf(months);
	}

	private static final Pattern TIME = Pattern
		.compile("(\\d{1,2})[:h](\\d{2})(?::(\\d{2}))?\\s*([AaPp]\\.?[Mm]\\.?)?");

	private static final Pattern NUMERIC_DATE = Pattern.compile("\\b(\\d{1,4})[./-](\\d{1,2})[./-](\\d{2,4})\\b");

	private static final Pattern OFFSET = Pattern.compile("(?:GMT|UTC)?([+-])(\\d{2}):?(\\d{2})\\b");

	/**
	 * The time a forward header states, in the shapes mail clients write: RFC 5322 ("Mon,
	 * 16 Dec 2019 10:00:00 +0100"), Gmail ("Mon, Dec 16, 2019 at 10:00 AM", "lun. 16 déc.
	 * 2019 à 10:00"), Outlook ("lundi 16 décembre 2019 10:00", "Monday, December 16, 2019
	 * 10:00 AM", "Montag, 16. Dezember 2019 10:00"), numeric dates, day first unless that
	 * is impossible. Without an offset, the time is read in {@code zone}.
	 */
	static Instant statedTime(String value, ZoneId zone) {
		if (value == null || value.isBlank() || value.length() > 200) {
			return null;
		}
		try {
			Date date = new MailDateFormat().parse(value.strip());
			if (date != null && value.matches(".*\\d{1,2}:\\d{2}.*[+-]\\d{4}.*")) {
				return date.toInstant();
			}
		}
		catch (java.text.ParseException | RuntimeException ex) {
			// not RFC 5322: the clients' own shapes below
		}
		String text = value.toLowerCase(Locale.ROOT);
		Matcher time = TIME.matcher(text);
		if (!time.find()) {
			return null;
		}
		int hour = Integer.parseInt(time.group(1));
		int minute = Integer.parseInt(time.group(2));
		int second = time.group(3) == null ? 0 : Integer.parseInt(time.group(3));
		if (time.group(4) != null) {
			boolean pm = time.group(4).startsWith("p");
			hour = (hour % 12) + (pm ? 12 : 0);
		}
		String withoutTime = text.substring(0, time.start()) + " " + text.substring(time.end());
		LocalDate day = dayIn(withoutTime);
		if (day == null || hour > 23 || minute > 59 || second > 59) {
			return null;
		}
		LocalDateTime local = LocalDateTime.of(day, LocalTime.of(hour, minute, second));
		Matcher offset = OFFSET.matcher(withoutTime.toUpperCase(Locale.ROOT));
		if (offset.find()) {
			int sign = offset.group(1).equals("-") ? -1 : 1;
			int hours = Integer.parseInt(offset.group(2));
			int minutes = Integer.parseInt(offset.group(3));
			if (hours <= 18 && minutes < 60) {
				return local.toInstant(ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes));
			}
		}
		return local.atZone(zone).toInstant();
	}

	private static LocalDate dayIn(String text) {
		try {
			Matcher numeric = NUMERIC_DATE.matcher(text);
			if (numeric.find()) {
				int a = Integer.parseInt(numeric.group(1));
				int b = Integer.parseInt(numeric.group(2));
				int c = Integer.parseInt(numeric.group(3));
				if (numeric.group(1).length() == 4) {
					return LocalDate.of(a, b, c);
				}
				int year = c < 100 ? 2000 + c : c;
				// day first, as in Europe, unless the first number cannot be a day's
				// month partner
				return (b > 12) ? LocalDate.of(year, a, b) : LocalDate.of(year, b, a);
			}
			Integer month = null;
			Integer dayOfMonth = null;
			Integer year = null;
			for (String token : text.split("[\\s,.]+")) {
				if (token.isEmpty()) {
					continue;
				}
				if (token.matches("\\d{4}")) {
					year = year == null ? Integer.parseInt(token) : year;
				}
				else if (token.matches("\\d{1,2}(?:st|nd|rd|th|er)?")) {
					dayOfMonth = dayOfMonth == null ? Integer.parseInt(token.replaceAll("\\D", "")) : dayOfMonth;
				}
				else if (month == null && MONTHS.containsKey(token)) {
					month = MONTHS.get(token);
				}
			}
			return (month == null || dayOfMonth == null || year == null) ? null : LocalDate.of(year, month, dayOfMonth);
		}
		catch (java.time.DateTimeException | NumberFormatException ex) {
			return null;
		}
	}

}
