package guichet.config;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sections {@link KnownSettingsCheck} knows are those the code binds: a section added
 * without it would stop every start.
 */
class KnownSettingsCheckTests {

	@Test
	void theKnownSectionsAreThoseTheCodeBinds() throws Exception {
		var scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
		Set<String> bound = new HashSet<>(Set.of("routes"));
		for (BeanDefinition definition : scanner.findCandidateComponents("guichet")) {
			Class<?> type = Class.forName(definition.getBeanClassName());
			ConfigurationProperties properties = type.getAnnotation(ConfigurationProperties.class);
			String prefix = properties.prefix().isEmpty() ? properties.value() : properties.prefix();
			if (prefix.equals("guichet")) {
				for (var component : type.getRecordComponents()) {
					bound.add(component.getName().replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT));
				}
			}
			else if (prefix.startsWith("guichet.")) {
				bound.add(prefix.substring("guichet.".length()).split("\\.")[0]);
			}
		}

		assertThat(KnownSettingsCheck.SECTIONS).containsExactlyInAnyOrderElementsOf(bound);
	}

}
