package guichet.config;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** guichet.embedded.durable: on unless turned off, and never off without a warning. */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedPostgresTests {

	@TempDir
	Path data;

	/** The data folder is only known once the test runs. */
	private ApplicationContextRunner context() {
		return new ApplicationContextRunner().withUserConfiguration(Embedded.class)
			.withPropertyValues("guichet.embedded.data-dir=" + this.data);
	}

	@Test
	void warnsAtStartUpWhenDurabilityIsTurnedOff(CapturedOutput output) {
		context().withPropertyValues("guichet.embedded.durable=false").run(context -> {
			var jdbc = JdbcClient.create(context.getBean(javax.sql.DataSource.class));

			assertThat(jdbc.sql("show fsync").query(String.class).single()).isEqualTo("off");
			assertThat(output).contains("WARN",
					"guichet.embedded.durable is false: the embedded PostgreSQL does not wait "
							+ "for the disk (fsync off, synchronous_commit off)");
		});
	}

	@Test
	void isDurableWithoutAWordByDefault(CapturedOutput output) {
		context().run(context -> {
			var jdbc = JdbcClient.create(context.getBean(javax.sql.DataSource.class));

			assertThat(jdbc.sql("show synchronous_commit").query(String.class).single()).isEqualTo("on");
			assertThat(output).doesNotContain("guichet.embedded.durable is false").contains("(durable)");
		});
	}

	@EnableConfigurationProperties(EmbeddedProperties.class)
	@Import(EmbeddedPostgres.class)
	static class Embedded {

	}

}
