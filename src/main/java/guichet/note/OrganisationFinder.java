package guichet.note;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import guichet.untrusted.MessageValue;

/**
 * The applicant's organisation, when the note or the mail names one plainly (issue #21:
 * the list shows "the applicant and organisation if the note or signature names one").
 * Nothing is guessed: a committee member reads an empty cell as "not said", but a wrong
 * name as a fact, so each rule takes a name only where the applicant wrote it as one, in
 * this order:
 * <ol>
 * <li>a labelled line of the note: "Organisation : …", "Organization: …", "Structure
 * porteuse : …", "Collectif : …", "Syndicat : …", "Name of the initiative: …", "Nom de
 * l'initiative : …" (the value on the same line, or alone on the next one);</li>
 * <li>the note's title, when it says whose note it is: "Note descriptive – Coopérative
 * des livreurs à vélo de Lyon", "Descriptive note – Dublin Crowdworkers' Network";</li>
 * <li>a labelled line of the mail itself, as above;</li>
 * <li>the mail's signature (below "-- " or a closing such as "Cordialement,", "Best
 * regards,"): a short line that names a kind of organisation ("Collectif des livreurs
 * autonomes", "Riders Union Bologna"), or the part of it that does ("Coordinatrice,
 * Collectif des livreurs autonomes").</li>
 * </ol>
 * A value that reads like a sentence, an address, a link or a telephone number is not a
 * name and is never taken. What is taken is cleaned and bounded by
 * {@link MessageValue#ORGANISATION}; the pages escape it.
 */
public final class OrganisationFinder {

	/** Longer than this, a "name" is a sentence. */
	static final int MAX_LENGTH = 120;

	private static final int MAX_WORDS = 14;

	/**
	 * Labels written before a name. Not "Initiative", "Projet", "Réseau" or "Porteur":
	 * what follows them is as often a plan, a description or a person.
	 */
	private static final String LABELS = String.join("|", "organi[sz]ations?(?: porteuse)?", "organisme(?: porteur)?",
			"structure(?: porteuse)?", "collectif", "syndicat",
			"name of (?:the |your )?(?:initiative|organi[sz]ation|collective|group|union|structure)",
			"nom (?:de l['’]|du |de la |de votre )(?:initiative|organisation|organisme|structure|collectif|association|syndicat)");

	private static final Pattern LABELLED = Pattern.compile(
			"^[ \\t]*(?:[-•*–][ \\t]*)?(?:" + LABELS + ")[ \\t]*[:：](.*)$",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.MULTILINE);

	private static final Pattern TITLE = Pattern.compile(
			"^(?:note descriptive|descriptive note|note de présentation|fiche descriptive|presentation note)"
					+ "[ \\t]*(?:de l['’]initiative|of the initiative)?[ \\t]*[–—:-](.+)$",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	/** The first section of a note, below its title. */
	private static final Pattern SECTION = Pattern.compile("(?:objectifs?|objectives?|contexte|context|"
			+ "pr[ée]sentation|description|r[ée]sum[ée]|summary|introduction|background|historique|history)[ \\t]*:?",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	/** The words that make a line of a signature a name of an organisation. */
	private static final Pattern KIND = Pattern.compile("(?<![\\p{L}\\p{N}])(?:"
			+ String.join("|", "association", "asso", "collectif", "collective", "syndicat", "union", "unions",
					"coop[ée]rative", "coop", "scop", "scic", "f[ée]d[ée]ration", "federation", "conf[ée]d[ée]ration",
					"confederation", "network", "r[ée]seau", "foundation", "fondation", "institut", "institute",
					"alliance", "guild", "sindicato", "sindacato", "gewerkschaft", "ong", "ngo")
			+ ")(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	/** "-- " alone on its line (often sent without its space). */
	private static final Pattern SIGNATURE = Pattern.compile("(?m)^--[ \\t]?$");

	private static final Pattern CLOSING = Pattern.compile(
			"^(?:bien |très |tres )?(?:cordialement|amicalement|"
					+ "(?:bien )?à vous|bien à vous|salutations(?: \\p{L}+)*|sincères salutations|"
					+ "(?:best|kind|warm|warmest) regards|regards|sincerely|yours sincerely|yours faithfully|"
					+ "best wishes|with best wishes|all the best|thanks|thank you|merci)[ \\t]*[,.!]?$",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	/** "On …, Ana wrote:", "Le … a écrit :", Outlook's "-----Original Message-----". */
	private static final Pattern QUOTE_HEADER = Pattern.compile(
			"-{2,}\\s*(?:original message|message d'origine|message original)\\s*-{2,}|"
					+ "(?:on|le)\\s.{0,300}\\s(?:wrote|a\\s+[ée]crit)\\s*:",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	/** The lines a signature has; below, it is a quoted message or a disclaimer. */
	private static final int SIGNATURE_LINES = 6;

	private static final Pattern NOT_A_NAME = Pattern
		.compile("@|https?:|www\\.|\\d[\\d .()/+-]{6,}\\d|[.!?;]\\s+\\p{L}|\\?|<|>", Pattern.CASE_INSENSITIVE);

	private static final Pattern SEPARATORS = Pattern.compile("\\s+[|–—-]\\s+|,\\s+|\\s+/\\s+");

	private OrganisationFinder() {
	}

	/**
	 * The organisation the applicant named, or {@code null}.
	 * @param note the note's text ("" when there is none)
	 * @param body the mail's body as the applicant sent it, signature and quotes included
	 */
	public static String find(String note, String body) {
		String text = note == null ? "" : note.replace("\r\n", "\n").replace('\r', '\n');
		String mail = body == null ? "" : body.replace("\r\n", "\n").replace('\r', '\n');
		String found = labelled(text);
		if (found == null) {
			found = titled(text);
		}
		if (found == null && !mail.equals(text)) {
			found = labelled(ownPart(mail));
		}
		if (found == null) {
			found = signed(mail);
		}
		return found == null ? null : MessageValue.ORGANISATION.clean(found);
	}

	private static String labelled(String text) {
		Matcher matcher = LABELLED.matcher(text);
		while (matcher.find()) {
			String value = matcher.group(1).strip();
			if (value.isEmpty()) {
				value = nextLine(text, matcher.end());
			}
			String name = name(value);
			if (name != null) {
				return name;
			}
		}
		return null;
	}

	/**
	 * The name a title gives, when the title visibly ends: a PDF wraps a long title onto
	 * a second line ("… Coopérative des livreurs à vélo" / "de Lyon") with nothing to say
	 * where it stops, so the title counts only when a blank line or a section heading
	 * ("Objectifs", "Objectives") follows its first line, or its second, short one.
	 */
	private static String titled(String text) {
		List<String> lines = text.strip().lines().limit(3).map(String::strip).toList();
		Matcher matcher = TITLE.matcher(lines.isEmpty() ? "" : lines.get(0));
		if (!matcher.matches()) {
			return null;
		}
		if (lines.size() == 1 || endsTitle(lines.get(1))) {
			return name(matcher.group(1));
		}
		boolean wrapped = lines.get(1).split("\\s+").length <= 5 && lines.size() == 3 && endsTitle(lines.get(2));
		return wrapped ? name(matcher.group(1).strip() + " " + lines.get(1)) : null;
	}

	private static boolean endsTitle(String line) {
		return line.isEmpty() || SECTION.matcher(line).matches();
	}

	private static String signed(String mail) {
		for (String line : signature(ownPart(mail))) {
			for (String part : SEPARATORS.split(line)) {
				if (isOrganisationName(part)) {
					return name(part);
				}
			}
		}
		return null;
	}

	/**
	 * A part of a signature's line that names an organisation: it starts with the kind of
	 * organisation ("Collectif des livreurs autonomes", "Union locale CGT"), or names it
	 * as a proper name, every long word capitalised ("Riders Union Bologna"). "Membre du
	 * réseau des livreurs" says a role, and is not taken.
	 */
	static boolean isOrganisationName(String part) {
		String text = part.strip();
		Matcher kind = KIND.matcher(text);
		if (!kind.find() || name(text) == null) {
			return false;
		}
		if (kind.start() == 0) {
			return true;
		}
		for (String word : text.split("[\\s'’-]+")) {
			if (word.codePointCount(0, word.length()) >= 4 && !Character.isUpperCase(word.codePointAt(0))) {
				return false;
			}
		}
		return true;
	}

	/** The mail without what it quotes: a name in a quoted message is someone else's. */
	private static String ownPart(String mail) {
		StringBuilder own = new StringBuilder();
		for (String line : mail.split("\n", -1)) {
			String stripped = line.strip();
			if (stripped.startsWith(">") || (stripped.length() < 400 && QUOTE_HEADER.matcher(stripped).matches())) {
				break;
			}
			own.append(line).append('\n');
		}
		return own.toString();
	}

	/**
	 * The lines below "-- ", else below the last closing formula: the first of them is
	 * most often the person's name, which is kept out only by needing an organisation's
	 * word.
	 */
	static List<String> signature(String mail) {
		List<String> lines = mail.lines().toList();
		int start = -1;
		Matcher delimiter = SIGNATURE.matcher(mail);
		if (delimiter.find()) {
			start = mail.substring(0, delimiter.start()).split("\n", -1).length;
		}
		else {
			for (int i = lines.size() - 1; i >= Math.max(0, lines.size() - 20); i--) {
				if (CLOSING.matcher(lines.get(i).strip()).matches()) {
					start = i + 1;
					break;
				}
			}
		}
		if (start < 0) {
			return List.of();
		}
		return lines.subList(Math.min(start, lines.size()), lines.size())
			.stream()
			.map(String::strip)
			.filter(line -> !line.isEmpty())
			.limit(SIGNATURE_LINES)
			.toList();
	}

	/**
	 * A name starts with a capital or a digit ("Collectif X", "4 Saisons"), a sentence
	 * seldom does.
	 */
	private static boolean startsAsAName(String text) {
		int first = text.codePointAt(0);
		return Character.isUpperCase(first) || Character.isTitleCase(first)
				|| (Character.isDigit(first) && text.codePoints().anyMatch(Character::isLetter));
	}

	private static String nextLine(String text, int from) {
		int start = text.indexOf('\n', from);
		if (start < 0) {
			return "";
		}
		String rest = text.substring(start + 1);
		String line = rest.lines().findFirst().orElse("");
		return line.strip();
	}

	/**
	 * The value if it reads like a name: short, a letter at least, no sentence, address,
	 * link or number in it.
	 */
	static String name(String value) {
		if (value == null) {
			return null;
		}
		if (value.length() > MAX_LENGTH + 10) {
			return null;
		}
		String name = value.strip().replaceAll("^[\"«“'(\\[]+|[\"»”')\\].,;:]+$", "").strip();
		if (name.isEmpty() || name.length() > MAX_LENGTH || !startsAsAName(name) || NOT_A_NAME.matcher(name).find()
				|| name.split("\\s+").length > MAX_WORDS) {
			return null;
		}
		String lower = name.toLowerCase(Locale.ROOT);
		if (lower.startsWith("n/a") || lower.equals("none") || lower.equals("aucune") || lower.equals("aucun")
				|| lower.equals("néant") || lower.equals("-")) {
			return null;
		}
		return name;
	}

}
