package guichet.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import guichet.application.CommitteeProperties;
import guichet.application.CommitteeProperties.Member;
import guichet.deadline.CallProperties;
import guichet.dedup.MergeProperties;
import guichet.intake.IntakeProperties;
import guichet.intake.MailboxProperties;
import guichet.intake.MailboxProperties.AfterProcessing;
import guichet.intake.MailboxProperties.Protocol;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each settings record binds what an admin writes, through the same binder and validation
 * as the application.
 */
class SettingsBindingTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(AllSettings.class);

	@Test
	void readsADeadlineAsADayWithTheCallDefaultsAround() {
		context.withPropertyValues("guichet.call.deadlines.fr=2019-12-20").run(context -> {
			var call = context.getBean(CallProperties.class);

			assertThat(call.deadlines().fr()).isEqualTo(LocalDate.of(2019, 12, 20));
			assertThat(call.deadlines().en()).isEqualTo(LocalDate.of(2020, 1, 13));
			assertThat(call.timezone()).isEqualTo(ZoneId.of("Europe/Paris"));
			assertThat(call.maxNotePages()).isEqualTo(1);
		});
	}

	@Test
	void readsAPollIntervalWrittenEitherWay() {
		context
			.withPropertyValues("guichet.mailboxes[0].host=a.example.org", "guichet.mailboxes[0].poll-interval=30s",
					"guichet.mailboxes[1].host=b.example.org", "guichet.mailboxes[1].poll-interval=PT30S")
			.run(context -> {
				var mailboxes = context.getBean(MailboxProperties.class).mailboxes();

				assertThat(mailboxes).extracting(MailboxProperties.Mailbox::pollInterval)
					.containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(30));
			});
	}

	@Test
	void givesAMailboxTheDefaultsOfTheContract() {
		context
			.withPropertyValues("guichet.mailboxes[0].host=imap.example.org",
					"guichet.mailboxes[0].username=applications", "guichet.mailboxes[0].protocol=imap")
			.run(context -> {
				var mailbox = context.getBean(MailboxProperties.class).mailboxes().get(0);

				assertThat(mailbox.protocol()).isEqualTo(Protocol.IMAP);
				assertThat(mailbox.effectivePort()).isEqualTo(143);
				assertThat(mailbox.folder()).isEqualTo("INBOX");
				assertThat(mailbox.pollInterval()).isEqualTo(Duration.ofSeconds(60));
				assertThat(mailbox.afterProcessing()).isEqualTo(AfterProcessing.KEEP);
				assertThat(mailbox.moveTo()).isEqualTo("Guichet/Processed");
				assertThat(mailbox.name()).isEqualTo("applications@imap.example.org");
			});
	}

	@Test
	void neverShowsAMailboxPasswordInItsDescription() {
		context
			.withPropertyValues("guichet.mailboxes[0].host=imap.example.org",
					"guichet.mailboxes[0].password=s3cret-Pa55")
			.run(context -> {
				var mailbox = context.getBean(MailboxProperties.class).mailboxes().get(0);

				assertThat(mailbox.password()).isEqualTo("s3cret-Pa55");
				assertThat(mailbox)
					.hasToString("Mailbox[imap.example.org imaps://null@imap.example.org:993/INBOX every PT1M, KEEP]");
			});
	}

	@Test
	void defaultsTheCommitteeToTheFourMembersTheCallNames() {
		context.run(context -> {
			var committee = context.getBean(CommitteeProperties.class);

			assertThat(committee.addresses()).containsExactly("odile.chagny@ires.fr", "idoreste@etuc.org",
					"wkowalsk@etuc.org", "c.teissier@astrees.org");
			assertThat(committee.members()).extracting(Member::label)
				.containsExactly("Odile Chagny (IRES / Sharers&Workers)", "Ignacio Doreste (ETUC / CES)",
						"Wolfgang Kowalsky (ETUC / CES)", "Christophe Teissier (ASTREES / Sharers&Workers)");
		});
	}

	@Test
	void theShippedConfigurationNamesTheSameCommitteeAsTheCode() throws Exception {
		var yaml = new org.springframework.boot.env.YamlPropertySourceLoader().load("application.yml",
				new org.springframework.core.io.FileSystemResource("config/application.yml"));
		var shipped = new org.springframework.boot.context.properties.bind.Binder(
				org.springframework.boot.context.properties.source.ConfigurationPropertySources.from(yaml))
			.bind("guichet.committee", org.springframework.boot.context.properties.bind.Bindable.listOf(Member.class))
			.get();

		assertThat(shipped).isEqualTo(CommitteeProperties.CALL);
	}

	@Test
	void bindsMembersWithNamesAndOrganisationsNextToPlainAddresses() {
		context
			.withPropertyValues("guichet.committee[0].name=Christophe Teissier",
					"guichet.committee[0].organisation=ASTREES / Sharers&Workers",
					"guichet.committee[0].email=c.teissier@astrees.org", "guichet.committee[1]=WKOWALSK@etuc.org")
			.run(context -> {
				var committee = context.getBean(CommitteeProperties.class);

				assertThat(committee.addresses()).containsExactly("c.teissier@astrees.org", "wkowalsk@etuc.org");
				assertThat(committee.members().get(1).email()).isEqualTo("WKOWALSK@etuc.org");
				assertThat(committee.labels(List.of("c.teissier@astrees.org", "wkowalsk@etuc.org")))
					.containsExactly("Christophe Teissier (ASTREES / Sharers&Workers)", "WKOWALSK@etuc.org");
			});
	}

	@Test
	void bindsTheLanguageAMemberReadsTheDigestIn() {
		context
			.withPropertyValues("guichet.committee[0].name=Odile Chagny",
					"guichet.committee[0].email=odile.chagny@ires.fr", "guichet.committee[0].language=fr",
					"guichet.committee[1].email=wkowalsk@etuc.org", "guichet.committee[1].language=EN",
					"guichet.committee[2]=c.teissier@astrees.org")
			.run(context -> {
				var committee = context.getBean(CommitteeProperties.class);

				assertThat(committee.members()).extracting(Member::language).containsExactly("fr", "EN", null);
			});
	}

	@Test
	void findsAMemberWhateverTheCaseOfTheAddress() {
		var committee = new CommitteeProperties(CommitteeProperties.CALL);

		assertThat(committee.member("Odile.Chagny@IRES.fr")).map(Member::name).hasValue("Odile Chagny");
		assertThat(committee.isMember("wkowalsk@ETUC.org")).isTrue();
		assertThat(committee.isMember("mallory@example.org")).isFalse();
	}

	@Test
	void comparesCommitteeAddressesInLowerCase() {
		context.withPropertyValues("guichet.committee=Alice@Committee.Example, bruno@committee.example")
			.run(context -> {
				var committee = context.getBean(CommitteeProperties.class);

				assertThat(committee.addresses()).containsExactly("alice@committee.example", "bruno@committee.example");
			});
	}

	@Test
	void readsIntakeSizesInMegabytes() {
		context.withPropertyValues("guichet.intake.batch-bytes=16MB").run(context -> {
			var intake = context.getBean(IntakeProperties.class);

			assertThat(intake.batchBytes()).isEqualTo(DataSize.ofMegabytes(16));
			assertThat(intake.maxMessageSize()).isEqualTo(DataSize.ofMegabytes(25));
			assertThat(intake.batchSize()).isEqualTo(500);
		});
	}

	@Test
	void readsAMergeWindowInDays() {
		context.withPropertyValues("guichet.merge.window=3d").run(context -> {
			var merge = context.getBean(MergeProperties.class);

			assertThat(merge.window()).isEqualTo(Duration.ofDays(3));
		});
	}

	@Test
	void readsPortZeroAsAnyFreePortForTheEmbeddedServers() {
		context.withPropertyValues("guichet.embedded.smtp-port=0").run(context -> {
			var embedded = context.getBean(EmbeddedProperties.class);

			assertThat(embedded.smtpPort()).isZero();
			assertThat(embedded.imapPort()).isEqualTo(3143);
			assertThat(embedded.dataDir().toAbsolutePath()).isEqualTo(Path.of("data").toAbsolutePath());
			assertThat(embedded.toString()).doesNotContain("mailboxPassword");
		});
	}

	@Test
	void readsARoleWhateverItsCaseAndHidesThePassword() {
		context
			.withPropertyValues("guichet.security.users[0].username=committee",
					"guichet.security.users[0].password={noop}s3cret-Pa55", "guichet.security.users[0].role=committee")
			.run(context -> {
				var user = context.getBean(SecurityProperties.class).users().get(0);

				assertThat(user.role()).isEqualTo(SecurityProperties.Role.COMMITTEE);
				assertThat(user.toString()).doesNotContain("s3cret-Pa55");
			});
	}

	@EnableConfigurationProperties({ CallProperties.class, MailboxProperties.class, CommitteeProperties.class,
			IntakeProperties.class, MergeProperties.class, EmbeddedProperties.class, SecurityProperties.class })
	static class AllSettings {

	}

}
