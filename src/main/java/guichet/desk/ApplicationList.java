package guichet.desk;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import guichet.application.Applications;
import guichet.application.Flag;
import guichet.deadline.DeadlineStatus;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The committee's list in one statement, filtered, sorted, counted and cut into pages by
 * PostgreSQL, so that it stays quick with thousands of applications (issue #21: 300 ms
 * for 4,000). The flags and the members left out are those {@code Application.flags} and
 * {@code CommitteeProperties.leftOut} stored on the application's row when it changed;
 * {@code POSSIBLE_DUPLICATE} is rule 4's question
 * ({@link Applications#SAME_ATTACHMENTS_AS_ANOTHER_APPLICANT}), asked here for the rows
 * that need it. {@code ApplicationListTests} holds the list to the application's answer.
 */
@Component
public class ApplicationList {

	static final int PAGE_SIZE = 100;

	/**
	 * Every filed application with the columns the list shows, filters and sorts on, as
	 * of its latest version; {@code first_received_at} is kept by the database (V14).
	 */
	static final String LISTED = """
			select a.id, a.applicant_name, a.applicant_email, a.subject, a.created_at, a.version as app_version,
			       coalesce(s.language, 'unknown') as language, s.deadline, s.deadline_status,
			       s.note_page_count, s.note_source, s.copies, s.received_at, s.recipients, s.fingerprint,
			       s.applicant_email as submission_applicant, a.flags as judged_flags, a.missing_committee as missing,
			       s.organisation, a.first_received_at
			from application a
			join submission s on s.application_id = a.id and s.version = a.version
			where a.version > 0
			""";

	/**
	 * One row per filed application, numbered in the committee's order (first received,
	 * then created).
	 */
	private static final String ROWS = "with listed as (" + LISTED + """
			), numbered as (
			  select listed.*, row_number() over (order by first_received_at, created_at, id) as number from listed
			)
			""";

	/**
	 * The flags of the rows named {@code rows}: those stored on the application, and
	 * whether another applicant sent the same attachments. Asked for the rows shown only,
	 * unless a filter or the order needs the flags of every row (with 4,000 applications,
	 * the duplicates' look-up is most of the list's time).
	 */
	static String judged(String rows) {
		return rows + ".judged_flags || case when exists (select 1 from (select " + rows + ".fingerprint, " + rows
				+ ".submission_applicant as applicant_email) latest where "
				+ Applications.SAME_ATTACHMENTS_AS_ANOTHER_APPLICANT
				+ ") then cast(:duplicate as text[]) else cast('{}' as text[]) end as flags";
	}

	/**
	 * The rows the filters see: judged in full when they or the order need the flags,
	 * else as they are.
	 */
	private static String candidates(ListQuery query) {
		return needsJudging(query) ? ", candidates as (select numbered.*, " + judged("numbered") + " from numbered)"
				: ", candidates as (select numbered.* from numbered)";
	}

	static boolean needsJudging(ListQuery query) {
		return !query.flag().isEmpty() || query.sort().equals("flags");
	}

	private static final String MATCHES = """
			exists (select 1 from application_search x where x.application_id = candidates.id
			        and x.document @@ (websearch_to_tsquery('guichet_fr', :q) || websearch_to_tsquery('guichet_en', :q)))
			""";

	/**
	 * Indexes the applications that are new, changed or read again since they were last
	 * indexed. The address is indexed whole and in parts, so that "costa" finds
	 * ana.costa@example.org.
	 */
	private static final String CATCH_UP = """
			insert into application_search (application_id, submission_id, changed_at, analysed_at, document)
			select a.id, s.id, a.changed_at, s.analysed_at,
			       to_tsvector('guichet_fr', d.text) || to_tsvector('guichet_en', d.text)
			from application a
			join submission s on s.application_id = a.id and s.version = a.version
			left join note_text n on n.submission_id = s.id
			cross join lateral (select concat_ws(' ', a.applicant_name, a.applicant_email,
			                                     translate(a.applicant_email, '@.', '  '), a.subject,
			                                     left(n.text, 100000)) as text) d
			where a.version > 0 and not exists (
			  select 1 from application_search x where x.application_id = a.id and x.submission_id = s.id
			  and x.changed_at = a.changed_at and x.analysed_at is not distinct from s.analysed_at)
			on conflict (application_id) do update set submission_id = excluded.submission_id,
			  changed_at = excluded.changed_at, analysed_at = excluded.analysed_at, document = excluded.document
			""";

	private final JdbcClient jdbc;

	ApplicationList(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A row of the list; applicant texts are as the applicant wrote them, escaped by the
	 * templates. {@code receivedAt} is when the application first reached a committee
	 * mailbox, as in the API and the digest.
	 */
	public record Row(UUID id, long number, String applicantName, String applicantEmail, String organisation,
			String subject, Instant receivedAt, String language, Instant deadline, DeadlineStatus deadlineStatus,
			Integer pages, boolean hasNote, int copies, List<String> missing, List<Flag> flags) {

		public boolean isLate() {
			return this.deadlineStatus == DeadlineStatus.LATE;
		}

	}

	/**
	 * The counts at the top of the list, over what the filters let through, and over
	 * everything.
	 */
	public record Counts(long shown, long late, long withoutNote, long all) {
	}

	public record Page(List<Row> rows, Counts counts, int number, int pages) {
	}

	public Page page(ListQuery query) {
		refreshSearchIfNeeded(query);
		int offset = (query.page() - 1) * PAGE_SIZE;
		Map<String, Object> params = new LinkedHashMap<>();
		String where = where(query, params);
		params.put("late", DeadlineStatus.LATE.name());
		String judged = needsJudging(query) ? "" : ", " + judged("p");
		var sql = this.jdbc.sql(ROWS + candidates(query) + """
				, filtered as (select * from candidates %s)
				select p.*%s from (
				  select f.*, count(*) over () as shown,
				         count(*) filter (where deadline_status = :late) over () as late,
				         count(*) filter (where note_source is null) over () as without_note,
				         (select count(*) from numbered) as everything
				  from filtered f order by %s limit %d offset %d) p
				order by %s
				""".formatted(where, judged, orderBy(query), PAGE_SIZE, offset, orderBy(query)));
		bind(sql, params);
		List<Row> rows = new ArrayList<>();
		long[] counts = { 0, 0, 0, -1 };
		sql.query((ResultSet rs) -> {
			rows.add(row(rs));
			counts[0] = rs.getLong("shown");
			counts[1] = rs.getLong("late");
			counts[2] = rs.getLong("without_note");
			counts[3] = rs.getLong("everything");
		});
		if (rows.isEmpty()) {
			counts[3] = this.jdbc.sql("select count(*) from application where version > 0").query(Long.class).single();
			if (query.page() > 1) {
				// past the last page: the counts are still wanted
				return new Page(rows, counts(ListQuery.withPage(query, 1)), query.page(), 0);
			}
		}
		int pages = (int) Math.max(1, (counts[0] + PAGE_SIZE - 1) / PAGE_SIZE);
		return new Page(rows, new Counts(counts[0], counts[1], counts[2], counts[3]), query.page(), pages);
	}

	private Counts counts(ListQuery query) {
		Page first = page(query);
		return first.counts();
	}

	/** Every row the filters let through, in the list's order: for the exports. */
	public void each(ListQuery query, Consumer<Row> consumer) {
		refreshSearchIfNeeded(query);
		Map<String, Object> params = new LinkedHashMap<>();
		var sql = this.jdbc.sql(ROWS + ", candidates as (select numbered.*, " + judged("numbered")
				+ " from numbered) select * from candidates " + where(query, params) + " order by " + orderBy(query));
		bind(sql, params);
		sql.query((ResultSet rs) -> consumer.accept(row(rs)));
	}

	void refreshSearchIfNeeded(ListQuery query) {
		if (query.q() != null) {
			this.jdbc.sql(CATCH_UP).update();
		}
	}

	String where(ListQuery query, Map<String, Object> params) {
		List<String> conditions = new ArrayList<>();
		params.put("duplicate", new String[] { Flag.POSSIBLE_DUPLICATE.name() });
		if (query.language() != null) {
			conditions.add("language = :language");
			params.put("language", query.language());
		}
		if (query.deadline() != null) {
			conditions.add("coalesce(deadline_status, :onTime) = :deadline");
			params.put("onTime", DeadlineStatus.ON_TIME.name());
			params.put("deadline", query.deadlineStatus().name());
		}
		if (!query.flag().isEmpty()) {
			conditions.add("flags @> cast(:flags as text[])");
			params.put("flags", query.flags().stream().map(Flag::name).toArray(String[]::new));
		}
		if (query.q() != null) {
			conditions.add(MATCHES);
			params.put("q", query.q());
		}
		return conditions.isEmpty() ? "" : "where " + String.join(" and ", conditions);
	}

	private static String orderBy(ListQuery query) {
		String direction = query.dir().equals("desc") ? " desc nulls last" : " asc nulls last";
		return ListQuery.COLUMNS.get(query.sort()) + direction + ", number" + direction;
	}

	private static void bind(JdbcClient.StatementSpec sql, Map<String, Object> params) {
		params.forEach(sql::param);
	}

	private static Row row(ResultSet rs) throws SQLException {
		Integer pages = rs.getObject("note_page_count", Integer.class);
		return new Row(rs.getObject("id", UUID.class), rs.getLong("number"), rs.getString("applicant_name"),
				rs.getString("applicant_email"), rs.getString("organisation"), rs.getString("subject"),
				instant(rs.getTimestamp("first_received_at")), rs.getString("language"),
				instant(rs.getTimestamp("deadline")), deadlineStatus(rs.getString("deadline_status")), pages,
				rs.getString("note_source") != null, rs.getInt("copies"), strings(rs.getArray("missing")),
				flags(strings(rs.getArray("flags"))));
	}

	private static List<Flag> flags(List<String> names) {
		return List.copyOf(Flag.setOf(names));
	}

	private static DeadlineStatus deadlineStatus(String name) {
		return name == null ? null : DeadlineStatus.valueOf(name);
	}

	private static List<String> strings(Array array) throws SQLException {
		return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
