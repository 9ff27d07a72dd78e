package guichet.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;

import guichet.intake.ReceivedMessage;
import guichet.intake.ReceptionTime;
import guichet.support.Committee;
import guichet.support.GuichetTestContext;
import guichet.support.TestDatabase;
import guichet.support.TestMail;
import guichet.support.TestMailServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Copies of the same submissions filed at the same instant by many threads (as five mailbox routes or two instances
 * would): PostgreSQL's locks and constraints make the count exact every time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "guichet.security.users=")
class ConcurrentFilingTests {

	static GreenMail greenMail = TestMailServer.start();

	@DynamicPropertySource
	static void guichet(DynamicPropertyRegistry registry) {
		GuichetTestContext.properties(greenMail, TestDatabase.newDatabaseUrl(), List.of(Committee.SHARED), "KEEP")
			.forEach((name, value) -> registry.add(name, () -> value));
	}

	@AfterAll
	static void stopMailServer() {
		greenMail.stop();
	}

	@Autowired
	Clerk clerk;

	@Autowired
	JdbcClient jdbc;

	static int round;

	@RepeatedTest(5)
	void copiesFiledAtTheSameInstantMakeExactlyOneApplicationEach() throws Exception {
		String who = "round" + (++round) + "-" + System.nanoTime();
		int submissions = 12;
		List<ReceivedMessage> copies = new ArrayList<>();
		for (int i = 0; i < submissions; i++) {
			TestMail mail = TestMail.application()
				.from("applicant" + i + "@" + who + ".example.org")
				.attach("note.txt", "text/plain", ("note " + who + " " + i).getBytes());
			boolean sentSeparately = i % 4 == 0;
			for (String mailbox : Committee.MEMBERS) {
				byte[] raw = (sentSeparately ? mail.messageId("<" + mailbox + i + who + "@x>") : mail).bytes();
				long uid = round * 1000L + i;
				copies.add(new ReceivedMessage(mailbox, ReceivedMessage.imapLocation(1, uid), 1L, uid, raw,
						new ReceptionTime(Instant.now(), ReceptionTime.Source.INTERNALDATE)));
			}
		}
		// the same fetched message filed twice (a second instance reading the same mailbox)
		copies.addAll(copies.subList(0, 8));
		Collections.shuffle(copies, new Random(round));

		fileAllAtOnce(copies, 8);

		assertThat(count("select count(*) from application where applicant_email like '%" + who + "%'"))
			.isEqualTo(submissions);
		assertThat(jdbc.sql("select s.copies from submission s join application a on a.id = s.application_id "
				+ "where a.applicant_email like :who").param("who", "%" + who + "%").query(Integer.class).list())
			.hasSize(submissions)
			.containsOnly(4);
		assertThat(count("select count(*) from message where sender like '%" + who + "%'")).isEqualTo(submissions * 4);
	}

	private void fileAllAtOnce(List<ReceivedMessage> copies, int threads) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CyclicBarrier start = new CyclicBarrier(threads);
		List<Future<?>> futures = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int offset = t;
			futures.add(pool.submit(() -> {
				start.await();
				for (int i = offset; i < copies.size(); i += threads) {
					clerk.file(copies.get(i));
				}
				return null;
			}));
		}
		for (Future<?> future : futures) {
			future.get();
		}
		pool.shutdown();
	}

	private int count(String sql) {
		return jdbc.sql(sql).query(Integer.class).single();
	}

}
