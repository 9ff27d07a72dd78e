package guichet.note;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BodyTextTests {

	@Test
	void removesQuotedLines() {
		var body = "Notre réponse.\n> votre question\n>> la nôtre\nSuite de la réponse.";

		var own = BodyText.ownWords(body);

		assertThat(own).isEqualTo("Notre réponse.\nSuite de la réponse.");
	}

	@Test
	void removesEverythingFromAFrenchAttributionLine() {
		var body = "Voici la note.\n\nLe jeu. 19 déc. 2019 à 09:12, Comité <comite@guichet.example> a écrit :\nTexte cité";

		var own = BodyText.ownWords(body);

		assertThat(own).isEqualTo("Voici la note.");
	}

	@Test
	void removesEverythingFromAnEnglishAttributionLineWrappedOnTwoLines() {
		var body = "Here is the note.\r\n\r\nOn Thu, Dec 19, 2019 at 9:12 AM Committee <\r\ncommittee@guichet.example> wrote:\r\nquoted";

		var own = BodyText.ownWords(body);

		assertThat(own).isEqualTo("Here is the note.");
	}

	@Test
	void removesTheSignature() {
		var body = "Here is the note.\n-- \nAna Martin\n+33 6 00 00 00 00";

		var own = BodyText.ownWords(body);

		assertThat(own).isEqualTo("Here is the note.");
	}

	@Test
	void removesAnOutlookQuotedMessage() {
		var body = "Here is the note.\n\n-----Original Message-----\nFrom: Committee\nPlease send a note.";

		var own = BodyText.ownWords(body);

		assertThat(own).isEqualTo("Here is the note.");
	}

	@Test
	void keepsADashInsideASentence() {
		var body = "Objectives -- and means.\nLe projet a été écrit en 2019.";

		var own = BodyText.ownWords(body);

		assertThat(own).isEqualTo(body);
	}

	@Test
	void turnsHtmlIntoLinesWithoutTheQuotedMessage() {
		var html = "<div>Bonjour,<br>voici la note.</div><p>Objectifs</p>"
				+ "<blockquote type=\"cite\">Le comité a écrit</blockquote>";

		var text = BodyText.fromHtml(html);

		assertThat(text.strip()).isEqualTo("Bonjour,\nvoici la note.\n\nObjectifs");
	}

}
