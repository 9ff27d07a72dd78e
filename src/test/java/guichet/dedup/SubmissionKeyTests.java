package guichet.dedup;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SubmissionKeyTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			Candidature collectif          | candidature collectif
			Re: Candidature collectif      | candidature collectif
			RE : Candidature  collectif    | candidature collectif
			Fwd: TR: CANDIDATURE collectif | candidature collectif
			AW: Re[2]: Candidature         | candidature
			[coaching] Re: Candidature     | candidature
			tr:candidature                 | candidature
			Réponse à l'appel              | réponse à l'appel
			""")
	void subjectsAgreeWithoutReplyPrefixesCaseOrSpacing(String subject, String key) {
		assertThat(SubmissionKey.normaliseSubject(subject)).isEqualTo(key);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			<AbC.123@Mail.Example.ORG>     | AbC.123@mail.example.org
			  AbC.123@mail.example.org     | AbC.123@mail.example.org
			<AbC.123@mail.example.org> (x) | AbC.123@mail.example.org
			""")
	void messageIdsAgreeWithoutBracketsOrDomainCase(String raw, String normalised) {
		assertThat(SubmissionKey.normaliseMessageId(raw)).isEqualTo(normalised);
	}

	@ParameterizedTest
	@CsvSource(nullValues = "null", value = { "null", "'   '", "'<>'" })
	void aMissingMessageIdIsNone(String raw) {
		assertThat(SubmissionKey.normaliseMessageId(raw)).isNull();
	}

}
