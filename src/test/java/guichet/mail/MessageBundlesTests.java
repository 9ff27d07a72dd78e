package guichet.mail;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import guichet.application.Flag;

import org.springframework.context.MessageSource;
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
		Properties messages = bundle(bundle);

		assertThat(messages.stringPropertyNames())
			.filteredOn(key -> LONE_APOSTROPHE.matcher(messages.getProperty(key)).find())
			.as("messages of %s with an apostrophe written once", bundle)
			.isEmpty();
	}

	@Test
	void everyWordIsWrittenInBothLanguages() throws IOException {
		Properties english = bundle("messages.properties");
		Properties french = bundle("messages_fr.properties");

		assertThat(french.stringPropertyNames()).as("keys of the French bundle")
			.containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
	}

	@Test
	void everyFlagHasABadgeAndPlainWords() throws IOException {
		for (String bundle : List.of("messages.properties", "messages_fr.properties")) {
			Properties messages = bundle(bundle);
			for (Flag flag : Flag.values()) {
				assertThat(messages.getProperty("flag." + flag.name())).as(bundle + " flag." + flag.name())
					.isNotBlank();
				assertThat(messages.getProperty("flag." + flag.name() + ".words"))
					.as(bundle + " flag." + flag.name() + ".words")
					.isNotBlank();
			}
		}
	}

	@Test
	void theDigestCountsInWords() {
		MessageSource messages = Bundles.messages();

		assertThat(messages.getMessage("digest.subject.count", new Object[] { 1 }, Locale.FRENCH))
			.isEqualTo("1 candidature nouvelle ou modifiée");
		assertThat(messages.getMessage("digest.subject.count", new Object[] { 47 }, Locale.ENGLISH))
			.isEqualTo("47 new or changed applications");
		assertThat(messages.getMessage("show.pages", new Object[] { 1 }, Locale.ENGLISH)).isEqualTo("1 page");
		assertThat(messages.getMessage("show.pages", new Object[] { 3 }, Locale.FRENCH)).isEqualTo("3 pages");
		assertThat(messages.getMessage("list.counts", new Object[] { 1, 0, 0 }, Locale.ENGLISH))
			.isEqualTo("1 application · 0 late · 0 without a note");
	}

	private static Properties bundle(String name) throws IOException {
		Properties messages = new Properties();
		try (var reader = new InputStreamReader(new ClassPathResource(name).getInputStream(), StandardCharsets.UTF_8)) {
			messages.load(reader);
		}
		return messages;
	}

	@Test
	void theApplicationFormatsEveryMessage() throws IOException {
		var settings = new ClassPathResource("application.yml").getContentAsString(StandardCharsets.UTF_8);

		assertThat(settings).contains("always-use-message-format: true");
	}

}
