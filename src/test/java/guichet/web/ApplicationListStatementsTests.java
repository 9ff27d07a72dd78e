package guichet.web;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import guichet.support.GuichetTestContext;
import guichet.support.TestDatabase;
import guichet.support.TestMail;
import guichet.support.TestMailServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static guichet.support.Committee.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The committee's list reads the applications' versions in a number of statements that
 * does not grow with the number of applications: one per application made the list of 350
 * applications take 340 ms (issue #7's benchmark).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // its mail server stops after the class: close the context rather than
				// let it poll a dead server
@Import(ApplicationListStatementsTests.CountingStatements.class)
class ApplicationListStatementsTests {

	static GreenMail greenMail = TestMailServer.start();

	/**
	 * Statements prepared on any connection of Guichet's DataSource that name the
	 * submission table (Spring's JDBC templates prepare every statement they run).
	 */
	static final AtomicInteger submissionStatements = new AtomicInteger();

	@DynamicPropertySource
	static void guichet(DynamicPropertyRegistry registry) {
		GuichetTestContext.properties(greenMail, TestDatabase.newDatabaseUrl())
			.forEach((name, value) -> registry.add(name, () -> value));
		// the digest reads submissions too: a run at 08:00 must not count it
		registry.add("guichet.digest.cron", () -> "0 0 0 1 1 ? 2099");
	}

	@AfterAll
	static void stopMailServer() {
		greenMail.stop();
	}

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcClient jdbc;

	@Test
	void readsTheVersionsOfEveryApplicationInAFixedNumberOfStatements() {
		String who = "l" + Long.toString(System.nanoTime(), 36);
		sendApplications(who, 1, 2);
		int withTwo = statementsOfTheList(2);

		sendApplications(who, 3, 8);
		int withEight = statementsOfTheList(8);

		// one for the applications with their versions, one for the possible duplicates
		assertThat(withEight).isEqualTo(withTwo).isEqualTo(2);
	}

	private void sendApplications(String who, int first, int last) {
		for (int number = first; number <= last; number++) {
			TestMail.application()
				.from(who + "-" + number + "@example.org")
				.attach("note.txt", "text/plain", ("Note " + who + " " + number + ": objectifs, personnes.").getBytes())
				.appendTo(greenMail, ALICE, new Date());
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.sql("select count(*) from message where sender like :who and state <> 'PENDING'")
				.param("who", who + "%")
				.query(Integer.class)
				.single() == last);
	}

	/**
	 * The statements naming submissions that one GET of the list prepares; the intake has
	 * nothing left to file.
	 */
	private int statementsOfTheList(int applications) {
		int before = submissionStatements.get();
		JsonNode list = http.withBasicAuth("committee", "committee-pass")
			.getForObject("/api/applications", JsonNode.class);
		int statements = submissionStatements.get() - before;
		assertThat(list).hasSize(applications);
		return statements;
	}

	@TestConfiguration
	static class CountingStatements {

		@Bean
		static BeanPostProcessor countingDataSource() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					if (!(bean instanceof DataSource dataSource)) {
						return bean;
					}
					return new DelegatingDataSource(dataSource) {

						@Override
						public Connection getConnection() throws SQLException {
							return counting(super.getConnection());
						}

					};
				}

			};
		}

		private static Connection counting(Connection connection) {
			return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
					new Class<?>[] { Connection.class }, (proxy, method, arguments) -> {
						if (method.getName().equals("prepareStatement") && arguments[0] instanceof String sql
								&& sql.contains("submission")) {
							submissionStatements.incrementAndGet();
						}
						try {
							return method.invoke(connection, arguments);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
		}

	}

}
