package guichet.config;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import guichet.postgres.DataFolderInUseException;
import guichet.postgres.EmbeddedServer;
import guichet.settings.InvalidSettingException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With no {@code spring.datasource.url}, Guichet runs a real PostgreSQL server shipped as
 * a Maven artifact (zonky), keeping its data under {@code guichet.embedded.data-dir}
 * across restarts: durable, recovered after a crash and watched ({@link EmbeddedServer}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedPostgres {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

	@Bean(destroyMethod = "close")
	EmbeddedServer embeddedPostgresServer(EmbeddedProperties embedded) {
		if (!embedded.durable()) {
			log.warn(
					"guichet.embedded.durable is false: the embedded PostgreSQL does not wait for the disk (fsync off, "
							+ "synchronous_commit off). A crash of the machine may lose applications already acknowledged or "
							+ "corrupt the database. For demos and benchmarks only.");
		}
		try {
			EmbeddedServer server = EmbeddedServer.start(embedded.dataDir(), embedded.durable());
			log.info("Embedded PostgreSQL started on port {} with its data in {} ({})", server.port(), server.folder(),
					embedded.durable() ? "durable" : "NOT durable");
			return server;
		}
		catch (DataFolderInUseException ex) {
			throw new InvalidSettingException("guichet.embedded.data-dir", embedded.dataDir(),
					ex.getMessage().replaceFirst("^\\S+ is in use", "the embedded PostgreSQL's folder is in use")
							+ ": stop that one first, or give this one another guichet.embedded.data-dir");
		}
	}

	@Bean
	DataSource dataSource(EmbeddedServer server) {
		var dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(server.jdbcUrl());
		dataSource.setPoolName("guichet-embedded");
		dataSource.setMaximumPoolSize(10);
		return dataSource;
	}

}
