package guichet.support;

import java.util.Map;

import guichet.Guichet;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts a whole Guichet by hand, for tests that restart it or run two side by side. */
public final class Guichets {

	private Guichets() {
	}

	public static ConfigurableApplicationContext start(Map<String, Object> properties) {
		// as command-line arguments, so that they win over config/application.yml as an
		// admin's would
		String[] arguments = properties.entrySet()
			.stream()
			.map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		return new SpringApplicationBuilder(Guichet.class).run(arguments);
	}

}
