package guichet.dedup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MailDateFormat;

/**
 * When a forward's header block says the member received or sent the message, read from
 * the shapes mail clients write in French, English and German; {@code null} when it says
 * nothing readable.
 */
final class StatedTime {

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

	private StatedTime() {
	}

	/**
	 * The time a forward header states, in the shapes mail clients write: RFC 5322 ("Mon,
	 * 16 Dec 2019 10:00:00 +0100"), Gmail ("Mon, Dec 16, 2019 at 10:00 AM", "lun. 16 déc.
	 * 2019 à 10:00"), Outlook ("lundi 16 décembre 2019 10:00", "Monday, December 16, 2019
	 * 10:00 AM", "Montag, 16. Dezember 2019 10:00"), numeric dates, day first unless that
	 * is impossible. Without an offset, the time is read in {@code zone}.
	 */
	static Instant in(String value, ZoneId zone) {
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
