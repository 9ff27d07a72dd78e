package guichet.oauth2;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import guichet.settings.InvalidSettingException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenCipherTests {

	static final String KEY = "q0nS2b1mH8YdGx4o0T9c3kqv7l2bF0uQ8wq3hX5m0aE=";

	static final String OTHER_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

	@Test
	void aStoredTokenReadsBackOnlyWithItsKeyAndForItsOwner() {
		var cipher = new TokenCipher(KEY);

		byte[] sealed = cipher.seal("rt-secret-value", "google\nshared@example.org");

		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("rt-secret-value");
		assertThat(cipher.open(sealed, "google\nshared@example.org")).isEqualTo("rt-secret-value");
		assertThatIllegalStateException().isThrownBy(() -> cipher.open(sealed, "google\nalice@example.org"));
		assertThatIllegalStateException()
			.isThrownBy(() -> new TokenCipher(OTHER_KEY).open(sealed, "google\nshared@example.org"))
			.withMessageContaining("import the refresh token again");
	}

	@Test
	void theSameTokenIsNeverStoredTwiceAlike() {
		var cipher = new TokenCipher(KEY);

		assertThat(cipher.seal("rt-1", "a")).isNotEqualTo(cipher.seal("rt-1", "a"));
	}

	@Test
	void withoutAKeyNothingIsStoredAndTheMessageSaysWhichSettingToSet() {
		var cipher = new TokenCipher(null);

		assertThat(cipher.hasKey()).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> cipher.seal("rt-1", "a"))
			.withMessageContaining("guichet.oauth2.encryption-key");
	}

	@Test
	void refusesAKeyOfTheWrongLengthWithoutShowingIt() {
		assertThatThrownBy(() -> new TokenCipher("c2hvcnQta2V5")).isInstanceOf(InvalidSettingException.class)
			.hasMessageContaining("guichet.oauth2.encryption-key")
			.hasMessageContaining("openssl rand -base64 32")
			.hasMessageNotContaining("c2hvcnQta2V5");
	}

}
