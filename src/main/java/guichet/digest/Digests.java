package guichet.digest;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import guichet.application.Application;
import guichet.application.Applications;
import guichet.application.CommitteeProperties;
import guichet.application.CommitteeProperties.Member;
import guichet.application.Flag;
import guichet.application.Submission;
import guichet.deadline.DeadlineStatus;
import guichet.digest.DigestContent.Entry;
import guichet.digest.DigestContent.Totals;
import guichet.outbox.Outbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Closes digest periods (CONTRACT §4: never twice for the same period). A period ends at
 * the scheduled fire time of guichet.digest.cron (routes/digest.camel.yaml) or when an
 * admin asks (POST /api/digest). Closing a period records it, with the state of each
 * application it shows, and puts its digest in the outbox, in one transaction: the unique
 * period end makes two instances, or two firings, yield one digest.
 */
@Component
public class Digests {

	private static final Logger log = LoggerFactory.getLogger(Digests.class);

	private static final int EXCERPT_LENGTH = 500;

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final Applications applications;

	private final CommitteeProperties committee;

	private final DigestProperties properties;

	private final DigestComposer composer;

	private final Outbox outbox;

	Digests(JdbcClient jdbc, TransactionTemplate transaction, Applications applications, CommitteeProperties committee,
			DigestProperties properties, DigestComposer composer, Outbox outbox) {
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.applications = applications;
		this.committee = committee;
		this.properties = properties;
		this.composer = composer;
		this.outbox = outbox;
	}

	/** What closed a digest's period, as stored in {@code digest.trigger}. */
	enum Trigger {

		/** {@code guichet.digest.cron} fired. */
		SCHEDULE,
		/** An admin asked for it ("send the digest now"). */
		REQUEST

	}

	/**
	 * The cron fired: closes the period that ends at its scheduled time (the same on
	 * every instance).
	 */
	public DigestClosed closeScheduled(Date scheduledFireTime) {
		Instant end = (scheduledFireTime == null ? Instant.now() : scheduledFireTime.toInstant())
			.truncatedTo(ChronoUnit.SECONDS);
		return close(end, Trigger.SCHEDULE);
	}

	/** An admin asked for the digest now: closes the open period at this instant. */
	public DigestClosed closeNow() {
		return close(Instant.now().truncatedTo(ChronoUnit.MILLIS), Trigger.REQUEST);
	}

	DigestClosed close(Instant periodEnd, Trigger trigger) {
		DigestClosed closed = transaction.execute(status -> closeInTransaction(periodEnd, trigger));
		if (closed.byThisTrigger()) {
			log.info("Digest period ending {} closed ({}): {} application(s), digest in the outbox", periodEnd, trigger,
					closed.applications());
		}
		return closed;
	}

	private DigestClosed closeInTransaction(Instant periodEnd, Trigger trigger) {
		// closings wait for each other, so that what one digest showed is visible to the
		// next
		jdbc.sql("select pg_advisory_xact_lock(hashtext('guichet.digest'))").query().listOfRows();
		Optional<DigestClosed> same = jdbc
			.sql("select id, period_end, applications from digest where period_end = :end")
			.param("end", Timestamp.from(periodEnd))
			.query((rs, n) -> new DigestClosed(rs.getObject("id", UUID.class),
					rs.getTimestamp("period_end").toInstant(), rs.getInt("applications"), false))
			.optional();
		if (same.isPresent()) {
			return same.get();
		}
		Optional<Instant> previous = jdbc.sql("select max(period_end) from digest")
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant);
		if (previous.isPresent() && previous.get().isAfter(periodEnd)) {
			// a late firing of an older period that a later one already covered: nothing
			// is left to say
			log.info("Digest period ending {} ({}) is older than the last digest ({}): skipped", periodEnd, trigger,
					previous.get());
			return new DigestClosed(null, periodEnd, 0, false);
		}

		List<Application> filed = applications.findAllFiled();
		// in one statement for every application, as the committee's list does
		Set<UUID> possibleDuplicates = Set.copyOf(applications.findAllWithOtherApplicantsWithSameAttachments());
		Set<UUID> unseen = Set.copyOf(jdbc.sql("""
				select a.id from application a
				where a.version > 0 and not exists (
				    select 1 from digest_item i where i.application_id = a.id and i.changed_at >= a.changed_at)
				""").query(UUID.class).list());
		List<Application> shown = filed.stream().filter(application -> unseen.contains(application.getId())).toList();

		UUID digestId = UUID.randomUUID();
		jdbc.sql("insert into digest (id, period_end, trigger, applications) values (:id, :end, :trigger, :count)")
			.param("id", digestId)
			.param("end", Timestamp.from(periodEnd))
			.param("trigger", trigger.name())
			.param("count", shown.size())
			.update();
		for (Application application : shown) {
			jdbc.sql(
					"insert into digest_item (digest_id, application_id, changed_at) values (:digest, :application, :changed)")
				.param("digest", digestId)
				.param("application", application.getId())
				.param("changed", Timestamp.from(application.getChangedAt()))
				.update();
		}
		DigestContent content = new DigestContent(previous.orElse(null), periodEnd,
				shown.stream().map(application -> entryOf(application, possibleDuplicates)).toList(),
				totalsOf(filed, possibleDuplicates));
		List<Member> recipients = properties.recipients().isEmpty() ? committee.members()
				: properties.recipients()
					.stream()
					.map(address -> committee.member(address).orElseGet(() -> Member.valueOf(address)))
					.toList();
		composer.compose(content, digestId, recipients).forEach(outbox::add);
		return new DigestClosed(digestId, periodEnd, shown.size(), true);
	}

	private Entry entryOf(Application application, Set<UUID> possibleDuplicates) {
		Submission current = application.current();
		List<Flag> flags = application.flags(committee.addresses(), possibleDuplicates.contains(application.getId()))
			.stream()
			.sorted()
			.toList();
		return new Entry(application.getId(), application.getApplicantName(), application.getApplicantEmail(),
				application.getSubject(), application.firstReceivedAt(), current.getReceivedAt(), current.getLanguage(),
				current.getDeadline(), current.getDeadlineStatus(), current.getNoteFilename(),
				current.getNotePageCount(), flags, excerptOf(current), current.getCopies(),
				committee.labels(application.missingCommittee(committee.addresses())), application.getVersion());
	}

	/** The first ~500 characters of the note, cut at a word boundary. */
	private String excerptOf(Submission submission) {
		String text = jdbc.sql("select left(text, :length) from note_text where submission_id = :id")
			.param("length", EXCERPT_LENGTH + 1)
			.param("id", submission.getId())
			.query(String.class)
			.optional()
			.orElse("")
			.strip();
		if (text.length() <= EXCERPT_LENGTH) {
			return text;
		}
		int cut = text.lastIndexOf(' ', EXCERPT_LENGTH);
		return text.substring(0, cut > EXCERPT_LENGTH / 2 ? cut : EXCERPT_LENGTH).strip() + " …";
	}

	private Totals totalsOf(List<Application> filed, Set<UUID> possibleDuplicates) {
		Map<String, Integer> byLanguage = new LinkedHashMap<>();
		for (String language : List.of("fr", "en", "unknown")) {
			byLanguage.put(language, 0);
		}
		Map<Flag, Integer> byFlag = new EnumMap<>(Flag.class);
		int onTime = 0;
		int late = 0;
		for (Application application : filed) {
			Submission current = application.current();
			String language = current.getLanguage() == null ? "unknown" : current.getLanguage();
			byLanguage.merge(language, 1, Integer::sum);
			if (current.getDeadlineStatus() == DeadlineStatus.LATE) {
				late++;
			}
			else {
				onTime++;
			}
			for (Flag flag : application.flags(committee.addresses(),
					possibleDuplicates.contains(application.getId()))) {
				byFlag.merge(flag, 1, Integer::sum);
			}
		}
		return new Totals(filed.size(), byLanguage, onTime, late, byFlag);
	}

}
