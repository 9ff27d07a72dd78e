package guichet.dedup;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

/**
 * The header block a mail client writes above a message forwarded inline ("De : …",
 * "From: …", "*Von:* …", in French, English and German), read into a {@link Forward}: who
 * originally sent it, to whom, about what and when, and the text below it.
 */
final class ForwardedBlock {

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

	private ForwardedBlock() {
	}

	/**
	 * The forward in a message's text, if it holds a forwarded header block among its
	 * first lines: after a separator line, or three header lines or more on their own.
	 */
	static Optional<Forward> in(MimeMessage message, String text, ZoneId zone) {
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
					values.getOrDefault("subject", ""), null, recipients, StatedTime.in(values.get("date"), zone),
					ForwardedText.withText(message, unquoted(forwardedText)), shape));
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

}
