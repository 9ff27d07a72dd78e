package guichet.support;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Each Guichet a test starts gets a Camel context, hence a Quartz scheduler, of a name of
 * its own. Quartz keeps its schedulers by name in the JVM, and every context was named
 * guichet: a test's Guichet, closing, removed the digest trigger of another one still
 * running (MailTestSupport's, shared by many classes), so that DigestTests failed
 * whenever the shared one had started first. Registered for tests only
 * (src/test/resources/META-INF/spring.factories).
 */
public class DistinctCamelContextNames implements EnvironmentPostProcessor {

	private static final AtomicInteger COUNT = new AtomicInteger();

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources()
			.addFirst(new MapPropertySource("distinctCamelContextName",
					Map.of("camel.main.name", "guichet-test-" + COUNT.incrementAndGet())));
	}

}
