package guichet.note;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The organisation column (issue #21) takes a name only where the applicant wrote it as
 * one: better an empty cell than a wrong name.
 */
class OrganisationFinderTests {

	@Test
	void takesTheValueOfALabelledLineOfTheNote() {
		assertThat(
				OrganisationFinder.find("Candidature\nOrganisation : Collectif des livreurs de Lyon\nObjectifs…", ""))
			.isEqualTo("Collectif des livreurs de Lyon");
		assertThat(OrganisationFinder.find("Name of the initiative: Riders Union Bologna\n\nObjectives", ""))
			.isEqualTo("Riders Union Bologna");
		assertThat(OrganisationFinder.find("- Syndicat : CGT Commerce et Services.\n", ""))
			.isEqualTo("CGT Commerce et Services");
		assertThat(OrganisationFinder.find("Nom de l’initiative : « Coursiers Solidaires »", ""))
			.isEqualTo("Coursiers Solidaires");
	}

	@Test
	void takesTheValueOnTheLineBelowAnEmptyLabel() {
		assertThat(OrganisationFinder.find("Structure porteuse :\nAssociation Coursiers Bordelais\nContact", ""))
			.isEqualTo("Association Coursiers Bordelais");
	}

	@Test
	void takesTheNameATitleGivesTheNote() throws IOException {
		assertThat(OrganisationFinder.find(source("note-fr.txt"), ""))
			.isEqualTo("Coopérative des livreurs à vélo de Lyon");
		assertThat(OrganisationFinder.find(source("note-en.txt"), "")).isEqualTo("Dublin Crowdworkers' Network");
	}

	@Test
	void joinsATitleThatAPdfWrapsOntoASecondLineOnlyWhenItVisiblyEnds() {
		// as Tika reads note-fr-1page.pdf and note-en-1page.pdf
		assertThat(OrganisationFinder.find(
				"\nNote descriptive – Coopérative des livreurs à vélo\nde Lyon\nObjectifs\nNotre collectif réunit…",
				""))
			.isEqualTo("Coopérative des livreurs à vélo de Lyon");
		assertThat(OrganisationFinder
			.find("\nDescriptive note – Dublin Crowdworkers' \nNetwork\nObjectives\nThe Dublin Crowdworkers'…", ""))
			.isEqualTo("Dublin Crowdworkers' Network");
		assertThat(OrganisationFinder.find("Note descriptive – Collectif X\nNous sommes des livreurs", "")).isNull();
		assertThat(OrganisationFinder
			.find("Note descriptive – Collectif X\nde Lyon et\nde Villeurbanne\nObjectifs\nNous…", "")).isNull();
		// as Tika reads note-en-1page.odt: no line at all between the title and the rest
		assertThat(OrganisationFinder
			.find("Descriptive note – Dublin Crowdworkers' NetworkObjectivesThe Dublin Crowdworkers' Network brings "
					+ "together people who earn their living through online labour platforms", ""))
			.isNull();
	}

	@Test
	void namesNothingWhenTheNoteNamesNothing() throws IOException {
		assertThat(OrganisationFinder.find(source("note-en-annex.txt"), "")).isNull();
		assertThat(OrganisationFinder.find(source("note-fr-annex.txt"), "")).isNull();
		// a German title is not one the call's two languages write
		assertThat(OrganisationFinder.find(source("note-de.txt"), "")).isNull();
		assertThat(OrganisationFinder.find("", "Bonjour,\nvoici notre note.\nCordialement,\nMarie Dupont")).isNull();
		assertThat(OrganisationFinder.find(null, null)).isNull();
	}

	@Test
	void takesTheOrganisationOfTheMailsSignature() {
		String body = """
				Bonjour,

				Veuillez trouver ci-joint notre note descriptive.

				Bien cordialement,
				Marie Dupont
				Coordinatrice, Collectif des livreurs autonomes
				06 12 34 56 78
				""";
		assertThat(OrganisationFinder.find("Objectifs\nNous voulons…", body))
			.isEqualTo("Collectif des livreurs autonomes");
		assertThat(
				OrganisationFinder.find("",
						"Please find our note attached.\n\n-- \nLiam Byrne\n"
								+ "Riders Union Bologna\nhttps://riders.example.org\n"))
			.isEqualTo("Riders Union Bologna");
	}

	@Test
	void aLabelInTheMailCountsWhenTheNoteHasNone() {
		assertThat(OrganisationFinder.find("Objectives\nWe want…", "Hello,\nOrganization: Glovo Riders Collective\n"))
			.isEqualTo("Glovo Riders Collective");
	}

	@Test
	void takesNoRoleNoSentenceNoAddressAndNothingQuoted() {
		assertThat(OrganisationFinder.find("", "Cordialement,\nMarie\nMembre du réseau des livreurs de Nantes"))
			.isNull();
		assertThat(OrganisationFinder
			.find("Organisation : nous sommes un groupe informel de livreurs qui veut s'organiser", "")).isNull();
		assertThat(OrganisationFinder.find("Organisation : Nous sommes un groupe. Nous voulons agir.", "")).isNull();
		assertThat(OrganisationFinder.find("Organisation : N/A\n", "")).isNull();
		assertThat(OrganisationFinder.find("Organisation : contact@collectif.example.org\n", "")).isNull();
		assertThat(OrganisationFinder.find("Notre organisation : Collectif X\n", "")).isNull();
		assertThat(OrganisationFinder.find("", "Thanks!\n\nOn Tue, 17 Dec 2019, Ana wrote:\n> Cordialement,\n"
				+ "> Ana\n> Collectif des livreurs autonomes\n"))
			.isNull();
	}

	@Test
	void hostileValuesAreRefusedOrCleaned() {
		assertThat(OrganisationFinder.find("Organisation : <script>alert(1)</script>", "")).isNull();
		assertThat(OrganisationFinder.find("Organisation : Collectif \u202Eevil\u0007 Riders", ""))
			.isEqualTo("Collectif evil Riders");
		assertThat(OrganisationFinder.find("Organisation : Collectif " + "a".repeat(500), "")).isNull();
		assertThat(OrganisationFinder.find("Organisation :" + " ".repeat(200_000) + "x", "")).isNull();
		assertThat(OrganisationFinder.find("", "Cordialement,\n" + "Collectif " + ".".repeat(200_000))).isNull();
	}

	private static String source(String name) throws IOException {
		try (InputStream in = OrganisationFinderTests.class.getResourceAsStream("/notes/source/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
