package guichet.note;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class NoteLimitsTests {

	@Test
	void defaultsToTwentySecondsTwoHundredThousandCharactersAndTwentyMegabytes() {
		var binder = new Binder(new MapConfigurationPropertySource(Map.of()));

		var limits = binder.bindOrCreate("guichet.limits", NoteLimits.class);

		assertThat(limits).isEqualTo(new NoteLimits(Duration.ofSeconds(20), 200_000, DataSize.ofMegabytes(20)))
			.isEqualTo(NoteLimits.defaults());
	}

	@Test
	void bindsDurationsAndSizesWrittenTheSpringWay() {
		var binder = new Binder(new MapConfigurationPropertySource(Map.of("guichet.limits.parse-timeout", "PT5S",
				"guichet.limits.max-text-characters", "1000", "guichet.limits.max-attachment-size", "512KB")));

		var limits = binder.bindOrCreate("guichet.limits", NoteLimits.class);

		assertThat(limits).isEqualTo(new NoteLimits(Duration.ofSeconds(5), 1000, DataSize.ofKilobytes(512)));
	}

}
