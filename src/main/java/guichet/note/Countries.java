package guichet.note;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The countries a note mentions, by name or adjective, in French or English, for the
 * call's eligibility rule: the applicant must be in a member state of the EU as of 2019
 * (the United Kingdom included) or a candidate country. Matching is on whole words,
 * ignoring case and accents, so "machine" does not mention China nor "independent" India.
 * The common non-eligible countries are listed so that a note from, say, Brazil can be
 * pointed out.
 */
final class Countries {

	/** EU-28 as of 2019 and the candidate countries of the call. */
	private static final Set<String> ELIGIBLE = Set.of("Austria", "Belgium", "Bulgaria", "Croatia", "Cyprus",
			"Czech Republic", "Denmark", "Estonia", "Finland", "France", "Germany", "Greece", "Hungary", "Ireland",
			"Italy", "Latvia", "Lithuania", "Luxembourg", "Malta", "Netherlands", "Poland", "Portugal", "Romania",
			"Slovakia", "Slovenia", "Spain", "Sweden", "United Kingdom", "Albania", "Montenegro", "North Macedonia",
			"Serbia", "Turkey");

	/**
	 * Names and adjectives, without accents, lower case; a space stands for spaces or a
	 * hyphen. "Polish" and "English" are left out: the first is also a verb, the second
	 * names the language of every English note.
	 */
	private static final Map<String, String> WORDS = new LinkedHashMap<>();

	static {
		// EU-28
		words("Austria", "austria", "austrian(s)?", "autriche", "autrichien(ne)?s?");
		words("Belgium", "belgium", "belgian(s)?", "belgique", "belges?");
		words("Bulgaria", "bulgaria", "bulgarian(s)?", "bulgarie", "bulgares?");
		words("Croatia", "croatia", "croatian(s)?", "croatie", "croates?");
		words("Cyprus", "cyprus", "cypriot(s)?", "chypre", "chypriotes?");
		words("Czech Republic", "czech republic", "czechia", "czech(s)?", "tchequie", "republique tcheque",
				"tcheques?");
		words("Denmark", "denmark", "danish", "danes?", "danemark", "danois(es?)?");
		words("Estonia", "estonia", "estonian(s)?", "estonie", "estonien(ne)?s?");
		words("Finland", "finland", "finnish", "finns?", "finlande", "finlandais(es?)?");
		words("France", "france", "french", "francais(es?)?");
		words("Germany", "germany", "german(s)?", "allemagne", "allemand(e)?s?");
		words("Greece", "greece", "greek(s)?", "grece", "grec(que)?s?");
		words("Hungary", "hungary", "hungarian(s)?", "hongrie", "hongrois(es?)?");
		words("Ireland", "ireland", "irish", "irlande", "irlandais(es?)?", "eire");
		words("Italy", "italy", "italian(s)?", "italie", "italien(ne)?s?");
		words("Latvia", "latvia", "latvian(s)?", "lettonie", "letton(ne)?s?");
		words("Lithuania", "lithuania", "lithuanian(s)?", "lituanie", "lituanien(ne)?s?");
		words("Luxembourg", "luxembourg", "luxembourgish", "luxembourgeois(es?)?");
		words("Malta", "malta", "maltese", "malte", "maltais(es?)?");
		words("Netherlands", "netherlands", "holland", "dutch", "pays bas", "neerlandais(es?)?", "hollandais(es?)?");
		words("Poland", "poland", "poles", "pologne", "polonais(es?)?");
		words("Portugal", "portugal", "portuguese", "portugais(es?)?");
		words("Romania", "romania", "romanian(s)?", "roumanie", "roumain(e)?s?");
		words("Slovakia", "slovakia", "slovak(s|ian|ians)?", "slovaquie", "slovaques?");
		words("Slovenia", "slovenia", "slovenian(s)?", "slovene(s)?", "slovenie");
		words("Spain", "spain", "spanish", "spaniards?", "espagne", "espagnol(e)?s?");
		words("Sweden", "sweden", "swedish", "swedes", "suede", "suedois(es?)?");
		words("United Kingdom", "united kingdom", "u\\.?k\\.?", "great britain", "britain", "british", "england",
				"scotland", "scottish", "wales", "welsh", "northern ireland", "royaume uni", "grande bretagne",
				"britanniques?", "angleterre", "ecosse", "ecossais(es?)?", "pays de galles", "gallois(es?)?");
		// candidate countries
		words("Albania", "albania", "albanian(s)?", "albanie", "albanais(es?)?");
		words("Montenegro", "montenegro", "montenegrin(s)?", "montenegrin(e)?s?");
		words("North Macedonia", "north macedonia", "macedonia", "macedonian(s)?", "macedoine( du nord)?",
				"macedonien(ne)?s?");
		words("Serbia", "serbia", "serbian(s)?", "serbs?", "serbie", "serbes?");
		words("Turkey", "turkey", "turkiye", "turkish", "turks?", "turquie", "turc", "turcs", "turques?");
		// frequent countries outside the call
		words("United States", "united states( of america)?", "u\\.?s\\.?a\\.?", "americans?", "etats unis",
				"americain(e)?s?");
		words("Canada", "canada", "canadian(s)?", "canadien(ne)?s?");
		words("Mexico", "mexico", "mexican(s)?", "mexique", "mexicain(e)?s?");
		words("Brazil", "brazil", "brazilian(s)?", "bresil", "bresilien(ne)?s?");
		words("Argentina", "argentina", "argentinian(s)?", "argentine", "argentin(e)?s?");
		words("Chile", "chile", "chilean(s)?", "chili", "chilien(ne)?s?");
		words("Colombia", "colombia", "colombian(s)?", "colombie", "colombien(ne)?s?");
		words("Peru", "peru", "peruvian(s)?", "perou", "peruvien(ne)?s?");
		words("India", "india", "indian(s)?", "inde", "indien(ne)?s?");
		words("China", "china", "chinese", "chine", "chinois(es?)?");
		words("Japan", "japan", "japanese", "japon", "japonais(es?)?");
		words("Pakistan", "pakistan", "pakistani(s)?", "pakistanais(es?)?");
		words("Bangladesh", "bangladesh", "bangladeshi(s)?");
		words("Philippines", "philippines", "filipino(s)?", "philippin(e)?s?");
		words("Nigeria", "nigeria", "nigerian(s)?", "nigerian(e)?s?");
		words("Kenya", "kenya", "kenyan(s)?", "kenyan(e)?s?");
		words("South Africa", "south africa", "south african(s)?", "afrique du sud", "sud africain(e)?s?");
		words("Senegal", "senegal", "senegalese", "senegalais(es?)?");
		words("Cameroon", "cameroon", "cameroonian(s)?", "cameroun", "camerounais(es?)?");
		words("Ivory Coast", "ivory coast", "cote d.?ivoire", "ivoirien(ne)?s?", "ivorian(s)?");
		words("Morocco", "morocco", "moroccan(s)?", "maroc", "marocain(e)?s?");
		words("Algeria", "algeria", "algerian(s)?", "algerie", "algerien(ne)?s?");
		words("Tunisia", "tunisia", "tunisian(s)?", "tunisie", "tunisien(ne)?s?");
		words("Egypt", "egypt", "egyptian(s)?", "egypte", "egyptien(ne)?s?");
		words("Lebanon", "lebanon", "lebanese", "liban", "libanais(es?)?");
		words("Israel", "israel", "israeli(s)?", "israelien(ne)?s?");
		words("Australia", "australia", "australian(s)?", "australie", "australien(ne)?s?");
		words("New Zealand", "new zealand", "nouvelle zelande");
		words("Switzerland", "switzerland", "swiss", "suisse(s)?");
		words("Norway", "norway", "norwegian(s)?", "norvege", "norvegien(ne)?s?");
		words("Iceland", "iceland", "icelandic", "islande", "islandais(es?)?");
		words("Russia", "russia", "russian(s)?", "russie", "russes?");
		words("Ukraine", "ukraine", "ukrainian(s)?", "ukrainien(ne)?s?");
		words("Belarus", "belarus", "belarusian(s)?", "bielorussie", "bielorusses?");
		words("Moldova", "moldova", "moldovan(s)?", "moldavie", "moldaves?");
		words("Bosnia and Herzegovina", "bosnia( and herzegovina)?", "bosnian(s)?", "bosnie( herzegovine)?",
				"bosnien(ne)?s?");
		words("Kosovo", "kosovo", "kosovar(s)?", "kosovars?");
	}

	private static final List<Candidate> CANDIDATES = WORDS.entrySet()
		.stream()
		.map((entry) -> new Candidate(wholeWords(entry.getKey()), firstLetters(entry.getKey()), entry.getValue()))
		.toList();

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	/**
	 * For each letter a to z, the candidates with a word starting with it: a word of the
	 * text is tried against those few, not all seventy (looking each one up was a quarter
	 * of the matching's cost).
	 */
	private static final int[][] BY_FIRST_LETTER = byFirstLetter();

	/**
	 * One country's pattern, with the letters its words start with, so that it is only
	 * tried where a word does.
	 */
	private record Candidate(Pattern pattern, String firstLetters, String country) {
	}

	private Countries() {
	}

	/** The countries mentioned in a text, each once, in the order of the list above. */
	static List<String> mentionedIn(String text) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		String plain = withoutAccents(text);
		// Same answer as find() with each pattern, in one pass: a match can only start at
		// the start of a word, with
		// one of its words' first letters. Seventy patterns scanning the whole text cost
		// several ms per note.
		boolean[] found = new boolean[CANDIDATES.size()];
		Matcher[] matchers = new Matcher[CANDIDATES.size()];
		for (int i = 0; i < plain.length(); i++) {
			char c = plain.charAt(i);
			if (!Character.isLetter(c) || (i > 0 && Character.isLetterOrDigit(plain.codePointBefore(i)))) {
				continue;
			}
			if (c < 'a' || c > 'z') {
				continue;
			}
			for (int k : BY_FIRST_LETTER[c - 'a']) {
				if (found[k]) {
					continue;
				}
				if (matchers[k] == null) {
					matchers[k] = CANDIDATES.get(k).pattern().matcher(plain).useTransparentBounds(true);
				}
				found[k] = matchers[k].region(i, plain.length()).lookingAt();
			}
		}
		List<String> countries = new ArrayList<>();
		for (int k = 0; k < found.length; k++) {
			if (found[k]) {
				countries.add(CANDIDATES.get(k).country());
			}
		}
		return countries.stream().distinct().toList();
	}

	static boolean isEligible(String country) {
		return ELIGIBLE.contains(country);
	}

	private static void words(String country, String... words) {
		WORDS.put(String.join("|", words), country);
	}

	private static Pattern wholeWords(String alternatives) {
		String spaced = alternatives.replace(" ", "[\\s\\-]+");
		return Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + spaced + ")(?![\\p{L}\\p{N}])");
	}

	private static int[][] byFirstLetter() {
		int[][] byLetter = new int[26][];
		for (char letter = 'a'; letter <= 'z'; letter++) {
			final char first = letter;
			byLetter[letter - 'a'] = IntStream.range(0, CANDIDATES.size())
				.filter((k) -> CANDIDATES.get(k).firstLetters().indexOf(first) >= 0)
				.toArray();
		}
		return byLetter;
	}

	/**
	 * The letters the alternatives start with; each alternative starts with a letter a to
	 * z (checked here).
	 */
	private static String firstLetters(String alternatives) {
		var letters = new StringBuilder();
		for (String alternative : alternatives.split("\\|")) {
			char first = alternative.charAt(0);
			if (first < 'a' || first > 'z') {
				throw new IllegalStateException("A country word must start with a letter a to z: " + alternative);
			}
			if (letters.indexOf(String.valueOf(first)) < 0) {
				letters.append(first);
			}
		}
		return letters.toString();
	}

	private static String withoutAccents(String text) {
		return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD))
			.replaceAll("")
			.toLowerCase(Locale.ROOT)
			.replace('\u2019', '\'');
	}

}
