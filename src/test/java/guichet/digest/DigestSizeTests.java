package guichet.digest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import guichet.application.CommitteeProperties.Member;
import guichet.application.Flag;
import guichet.mail.PublicUrlProperties;
import guichet.deadline.CallProperties;
import guichet.deadline.DeadlineReason;
import guichet.deadline.DeadlineStatus;
import guichet.digest.DigestContent.Entry;
import guichet.digest.DigestContent.Totals;
import guichet.digest.DigestProperties.Headings;
import guichet.mail.Bundles;
import guichet.outbox.SmtpProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The digest is a summary (issue #21): Gmail clips a message whose HTML passes about 102
 * KB, so the digest of a busy day must stay under 100 KB of HTML and still link every
 * application to its page.
 */
class DigestSizeTests {

	private static final CallProperties CALL = new CallProperties(ZoneId.of("Europe/Paris"),
			new CallProperties.Deadlines(LocalDate.parse("2019-12-19"), LocalDate.parse("2020-01-13")), 1);

	/** The call's committee, with names: the digest greets them. */
	private static final List<Member> COMMITTEE = List.of(
			new Member("Odile Chagny", "odile.chagny@ires.fr", "IRES / Sharers&Workers"),
			new Member("Ignacio Doreste", "idoreste@etuc.org", "ETUC"),
			new Member("Wolfgang Kowalsky", "wkowalsk@etuc.org", "ETUC"),
			new Member("Christophe Teissier", "c.teissier@astrees.org", "ASTREES / Sharers&Workers"));

	private final DigestComposer composer = new DigestComposer(CALL,
			new SmtpProperties("localhost", 25, null, null, "guichet@committee.example"),
			new DigestProperties(List.of(), "0 0 8 * * ?", Headings.BILINGUAL), Bundles.templates(), Bundles.messages(),
			new PublicUrlProperties("https://guichet.example.org"), new DeadlineReason(CALL, Bundles.messages()));

	private final DigestWords bilingual = composer.words(Headings.BILINGUAL);

	@Test
	void aDigestOfThreeHundredApplicationsStaysUnderOneHundredKilobytesOfHtmlAndLinksEachOne() {
		DigestContent digest = digestOf(300);

		String html = composer.html(digest, COMMITTEE, bilingual);

		int bytes = html.getBytes(StandardCharsets.UTF_8).length;
		System.out.println("digest of 300 applications: " + bytes + " bytes of HTML, "
				+ Jsoup.parse(html).select("div.application").size() + " with details");
		assertThat(bytes).isLessThan(100 * 1024);
		Document document = Jsoup.parse(html);
		for (Entry entry : digest.entries()) {
			assertThat(
					document.select("a[href=https://guichet.example.org/applications/" + entry.applicationId() + "]"))
				.isNotEmpty();
		}
		assertThat(document.text()).contains("Totaux à ce jour / Totals so far", "Candidatures / Applications 300");
		assertThat(document.select("div.application")).isNotEmpty();
	}

	@Test
	void aSmallDigestKeepsEveryApplicationsDetailsAndSaysTheTimeZoneOnce() {
		DigestContent digest = digestOf(3);

		String html = composer.html(digest, COMMITTEE, bilingual);
		String text = composer.text(digest, COMMITTEE, bilingual);

		Document document = Jsoup.parse(html);
		assertThat(document.select("div.application")).hasSize(3);
		assertThat(document.select("p").get(1).text()).endsWith("(Europe/Paris)");
		assertThat(document.select("p").first().text())
			.isEqualTo("Bonjour / Hello Odile Chagny, Ignacio Doreste, Wolfgang Kowalsky, Christophe Teissier,");
		assertThat(document.select("div.application").text()).doesNotContain("Europe/Paris");
		assertThat(text).contains("https://guichet.example.org/applications/" + digest.entries().get(0).applicationId(),
				"Candidatures / Applications: 300", "> Notre collectif");
		assertThat(document.select("script, img")).isEmpty();
	}

	/**
	 * Applications as long as real ones get: full names, long subjects, flags, a
	 * 500-character excerpt.
	 */
	static DigestContent digestOf(int count) {
		List<Entry> entries = new ArrayList<>();
		Instant received = Instant.parse("2019-12-18T09:00:00Z");
		String excerpt = ("Notre collectif réunit depuis 2018 une quarantaine de livreurs à vélo qui travaillent pour les "
				+ "plateformes de livraison de repas à Lyon et à Villeurbanne. Nous voulons créer une coopérative "
				+ "d'activité qui appartienne à ses membres, négocier collectivement nos conditions avec les "
				+ "restaurants du quartier de la Guillotière et proposer une alternative aux applications qui fixent "
				+ "seules nos tarifs. Nous souhaitons aussi documenter les accidents, les retenues de paiement, "
				+ "les déconnexions arbitraires et les conditions de travail des livreurs …")
			.substring(0, 500);
		for (int i = 0; i < count; i++) {
			entries.add(new Entry(UUID.randomUUID(), "Marie-Élisabeth Dupont-Lefèvre " + i,
					"marie-elisabeth.dupont-lefevre" + i + "@cooperative-livreurs.example.org",
					"Candidature à l'appel Sharers & Workers – Coopérative des livreurs à vélo de Lyon n°" + i,
					received.plus(i, ChronoUnit.MINUTES), received.plus(i, ChronoUnit.MINUTES),
					i % 2 == 0 ? "fr" : "en", Instant.parse("2019-12-19T22:59:59Z"),
					i % 3 == 0 ? DeadlineStatus.LATE : DeadlineStatus.ON_TIME, "note descriptive " + i + ".pdf", 2,
					i % 3 == 0 ? List.of(Flag.LATE, Flag.NOTE_TOO_LONG, Flag.COMMITTEE_INCOMPLETE) : List.of(), excerpt,
					4, i % 3 == 0 ? List.of("wkowalsk@etuc.org", "c.teissier@astrees.org") : List.of(), 1));
		}
		Map<String, Integer> byLanguage = new LinkedHashMap<>(Map.of("fr", 150, "en", 150, "unknown", 0));
		Map<Flag, Integer> byFlag = new EnumMap<>(Map.of(Flag.LATE, 100, Flag.NOTE_TOO_LONG, 100));
		return new DigestContent(Instant.parse("2019-12-17T07:00:00Z"), Instant.parse("2019-12-18T07:00:00Z"), entries,
				new Totals(300, byLanguage, 200, 100, byFlag));
	}

}
