package guichet.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With no {@code spring.datasource.url}, Guichet runs a real PostgreSQL server shipped as a Maven artifact (zonky),
 * keeping its data under {@code guichet.embedded.data-dir} across restarts.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedPostgres {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

	@Bean(destroyMethod = "close")
	io.zonky.test.db.postgres.embedded.EmbeddedPostgres embeddedPostgresServer(EmbeddedProperties embedded) {
		Path dataDir = embedded.dataDir().toAbsolutePath().normalize().resolve("postgres");
		try {
			Files.createDirectories(dataDir);
			var server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
				.setDataDirectory(dataDir)
				.setCleanDataDirectory(false)
				.start();
			log.info("Embedded PostgreSQL started on port {} with its data in {}", server.getPort(), dataDir);
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir
					+ " (guichet.embedded.data-dir); is another Guichet using it?", ex);
		}
	}

	@Bean
	DataSource dataSource(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
		var dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(server.getJdbcUrl("postgres", "postgres"));
		dataSource.setPoolName("guichet-embedded");
		dataSource.setMaximumPoolSize(10);
		return dataSource;
	}

}
