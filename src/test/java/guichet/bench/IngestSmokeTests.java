package guichet.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import guichet.support.GuichetTestContext;
import guichet.support.Guichets;
import guichet.support.TestDatabase;
import guichet.support.TestMailServer;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ingestion benchmark's load, small (bench/ingest.sh runs it large), so that the
 * benchmark cannot rot: every application is stored once with its four copies. It asserts
 * nothing about time.
 */
class IngestSmokeTests {

	private static final int APPLICATIONS = 20;

	private GreenMail greenMail;

	private ConfigurableApplicationContext guichet;

	@AfterEach
	void stop() {
		if (this.guichet != null) {
			this.guichet.close();
		}
		if (this.greenMail != null) {
			this.greenMail.stop();
		}
	}

	@Test
	void storesEveryApplicationOnceWithItsFourCopies() throws Exception {
		this.greenMail = TestMailServer.start();
		var load = new BenchApplications();
		List<BenchApplications.Copy> copies = new ArrayList<>();
		for (int number = 1; number <= APPLICATIONS; number++) {
			copies.addAll(load.copies(number));
		}
		// as bench/ingest.sh does: its mailboxes are gone before Guichet starts
		MailServerWarmUp.run(this.greenMail, copies);
		assertThat(this.greenMail.getUserManager().listUser()).noneMatch(user -> user.getEmail().startsWith("warm-up"));
		this.guichet = Guichets.start(GuichetTestContext.properties(this.greenMail, TestDatabase.newDatabaseUrl()));

		load.append(this.greenMail, copies);

		var check = new IngestCheck(this.guichet.getBean(DataSource.class));
		await().atMost(Duration.ofSeconds(45)).until(() -> check.settledMessages() >= 4L * APPLICATIONS);
		assertThat(check.problems(APPLICATIONS)).isNull();
		assertThat(check.stored())
			.allSatisfy(stored -> assertThat(load.appendedAt(stored.mailbox(), stored.messageId())).isNotNull());
	}

}
