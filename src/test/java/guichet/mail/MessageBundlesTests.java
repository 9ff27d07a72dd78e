package guichet.mail;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every word of the pages and mails goes through MessageFormat
 * ({@code spring.messages.always-use-message-format}), where a lone apostrophe starts a
 * quotation: "n'a" would print "na", and a date pattern's {@code 'at'} would lose its
 * quotes and fail. So an apostrophe is written {@code ''} in every message, with or
 * without arguments.
 */
class MessageBundlesTests {

	private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");

	@ParameterizedTest
	@ValueSource(strings = { "messages.properties", "messages_fr.properties" })
	void everyApostropheIsDoubled(String bundle) throws IOException {
		Properties messages = new Properties();
		try (var reader = new InputStreamReader(new ClassPathResource(bundle).getInputStream(),
				StandardCharsets.UTF_8)) {
			messages.load(reader);
		}

		assertThat(messages.stringPropertyNames())
			.filteredOn(key -> LONE_APOSTROPHE.matcher(messages.getProperty(key)).find())
			.as("messages of %s with an apostrophe written once", bundle)
			.isEmpty();
	}

	@Test
	void theApplicationFormatsEveryMessage() throws IOException {
		var settings = new ClassPathResource("application.yml").getContentAsString(StandardCharsets.UTF_8);

		assertThat(settings).contains("always-use-message-format: true");
	}

}
