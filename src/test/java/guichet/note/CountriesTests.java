package guichet.note;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CountriesTests {

	@Test
	void findsCountriesByNameAndAdjectiveInFrenchAndEnglish() {
		var text = "Un collectif français basé à Lyon, avec des partenaires belges et une coopérative britannique.";

		var countries = Countries.mentionedIn(text);

		assertThat(countries).containsExactly("Belgium", "France", "United Kingdom");
	}

	@ParameterizedTest
	@CsvSource({ "Royaume-Uni, United Kingdom", "the United Kingdom, United Kingdom", "British workers, United Kingdom",
			"ETATS UNIS, United States", "les États-Unis, United States", "American riders, United States",
			"la Turquie, Turkey", "Serbia, Serbia", "une coopérative serbe, Serbia", "Brésil, Brazil",
			"brésiliennes, Brazil", "India, India", "en Inde, India", "la Macédoine du Nord, North Macedonia",
			"North Macedonia, North Macedonia", "Côte d’Ivoire, Ivory Coast", "Afrique du Sud, South Africa",
			"sud-africaine, South Africa", "Allemagne, Germany", "Pays-Bas, Netherlands",
			"République tchèque, Czech Republic", "Chine, China", "Maroc, Morocco", "Suisse, Switzerland" })
	void recognisesACountryWhateverItsAccentsAndCase(String text, String country) {
		var countries = Countries.mentionedIn(text);

		assertThat(countries).containsExactly(country);
	}

	@Test
	void findsNoCountryInsideOtherWords() {
		var text = "Une machine indépendante, an independent machine, a francophone grecian urn, Brazilians' tunes.";

		var countries = Countries.mentionedIn(text);

		assertThat(countries).containsExactly("Brazil");
	}

	@Test
	void findsNoCountryInMachineOrIndependent() {
		assertThat(Countries.mentionedIn("machine")).isEmpty();
		assertThat(Countries.mentionedIn("independent")).isEmpty();
		assertThat(Countries.mentionedIn("")).isEmpty();
		assertThat(Countries.mentionedIn(null)).isEmpty();
	}

	@Test
	void findsANoteFromFranceAndBelgiumEligible() {
		var reading = reading(Countries.mentionedIn("Nous travaillons en France et en Belgique."));

		assertThat(reading.countries()).containsExactly("Belgium", "France");
		assertThat(reading.isOutsideEligibleCountries()).isFalse();
	}

	@Test
	void pointsOutANoteThatOnlyMentionsBrazil() {
		var reading = reading(Countries.mentionedIn("Our collective of riders is based in São Paulo, Brazil."));

		assertThat(reading.countries()).containsExactly("Brazil");
		assertThat(reading.isOutsideEligibleCountries()).isTrue();
	}

	@Test
	void doesNotPointOutANoteThatMentionsBrazilAndAnEligibleCountry() {
		var reading = reading(Countries.mentionedIn("Brazilian and Portuguese riders in Lisbon."));

		assertThat(reading.isOutsideEligibleCountries()).isFalse();
	}

	@Test
	void doesNotPointOutANoteThatMentionsNoCountry() {
		var reading = reading(Countries.mentionedIn("A collective of independent machine operators."));

		assertThat(reading.countries()).isEmpty();
		assertThat(reading.isOutsideEligibleCountries()).isFalse();
	}

	@Test
	void countsCandidateCountriesAndTheUnitedKingdomAsEligible() {
		var reading = reading(
				List.of("Turkey", "Albania", "Montenegro", "North Macedonia", "Serbia", "United Kingdom"));

		assertThat(reading.isOutsideEligibleCountries()).isFalse();
	}

	private static NoteReading reading(List<String> countries) {
		return new NoteReading(null, "", "", List.of(), null, false, countries);
	}

}
