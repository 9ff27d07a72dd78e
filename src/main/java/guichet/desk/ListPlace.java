package guichet.desk;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where one application stands in the committee's list (issue #21: previous / next in the
 * current list's order, with its filters), found without numbering the whole list: the
 * application just after this one is the first, in the list's order, of those whose sort
 * key and place in the committee's order come after its own (keyset), and the one just
 * before is the first in the reverse order. The committee's order (first received, then
 * created, then id) breaks every tie, as the list's {@code number} does, and a missing
 * value sorts last, as in the list; {@code ListPlaceTests} holds the two to the same
 * answer for every sort.
 */
@Component
class ListPlace {

	/**
	 * The committee's order: the list's {@code number}, as a key an index serves (V14).
	 */
	private static final String ORDER = "(first_received_at, created_at, id)";

	private static final String MINE = "(me_first, me_created, me_id)";

	private final ApplicationList list;

	private final JdbcClient jdbc;

	ListPlace(ApplicationList list, JdbcClient jdbc) {
		this.list = list;
		this.jdbc = jdbc;
	}

	/**
	 * Where an application stands: its number, and its place in the current list
	 * (position 0: not in it).
	 */
	record Neighbours(long number, UUID previous, UUID next, long position, long total) {
	}

	Neighbours of(ListQuery query, UUID id) {
		this.list.refreshSearchIfNeeded(query);
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("id", id);
		String where = this.list.where(query, params);
		String filters = where.isEmpty() ? "" : " and " + where.substring("where ".length());
		String key = ListQuery.COLUMNS.get(query.sort());
		boolean byNumber = "number".equals(query.sort());
		boolean ascending = "asc".equals(query.dir());
		String from = " from " + candidates(query) + " cross join " + me(query, key, byNumber);
		var place = this.jdbc.sql("select me_number, count(*) as total, count(*) filter (where "
				+ (byNumber ? before(ascending) : before(key, ascending)) + ") as before, bool_or(id = me_id) as listed"
				+ from + " where true" + filters + " group by me_number");
		params.forEach(place::param);
		var counted = place
			.query((rs,
					n) -> new long[] { rs.getLong("me_number"), rs.getLong("total"), rs.getLong("before"),
							rs.getBoolean("listed") ? 1 : 0 })
			.optional();
		if (counted.isEmpty()) {
			long number = this.jdbc.sql("select me_number from " + me(ListQuery.all(), null, true))
				.param("id", id)
				.query(Long.class)
				.optional()
				.orElse(0L);
			return new Neighbours(number, null, null, 0, 0);
		}
		long[] found = counted.get();
		if (found[3] == 0) {
			return new Neighbours(found[0], null, null, 0, 0);
		}
		String afterMe = byNumber ? after(ascending) : after(key, ascending);
		String beforeMe = byNumber ? before(ascending) : before(key, ascending);
		UUID next = first("select id" + from + " where " + afterMe + filters + " order by "
				+ order(byNumber ? null : key, ascending, false) + " limit 1", params);
		UUID previous = first("select id" + from + " where " + beforeMe + filters + " order by "
				+ order(byNumber ? null : key, !ascending, true) + " limit 1", params);
		return new Neighbours(found[0], previous, next, found[2] + 1, found[1]);
	}

	private UUID first(String sql, Map<String, Object> params) {
		var statement = this.jdbc.sql(sql);
		params.forEach(statement::param);
		return statement.query(UUID.class).optional().orElse(null);
	}

	/** The rows the list's filters see, named as the list's conditions expect them. */
	private static String candidates(ListQuery query) {
		String judged = ApplicationList.needsJudging(query) ? ", " + ApplicationList.judged("l") : "";
		return "(select l.*" + judged + " from (" + ApplicationList.LISTED + ") l) candidates";
	}

	/**
	 * The application itself: its sort key, its place in the committee's order and its
	 * number there (an index's count), under names no list column has. {@code offset 0}
	 * keeps PostgreSQL from merging it into the outer query, where the count would run
	 * once per listed row instead of once.
	 */
	private static String me(ListQuery query, String key, boolean byNumber) {
		return """
				(select %s as me_key, m.first_received_at as me_first, m.created_at as me_created, m.id as me_id,
				        (select count(*) + 1 from application o where o.version > 0
				         and (o.first_received_at, o.created_at, o.id) < (m.first_received_at, m.created_at, m.id))
				          as me_number
				 from %s where m.id = :id offset 0) me
				""".formatted(byNumber ? "null" : key, candidates(query).replaceFirst(" candidates$", " m"));
	}

	/**
	 * After this application in the list's order (the key's direction, missing keys last,
	 * ties in the committee's order in the same direction).
	 */
	private static String after(String key, boolean ascending) {
		String op = ascending ? ">" : "<";
		return ("(case when me_key is null then %1$s is null and %2$s %3$s %4$s"
				+ " else %1$s is null or %1$s %3$s me_key or (%1$s = me_key and %2$s %3$s %4$s) end)")
			.formatted(key, ORDER, op, MINE);
	}

	/** Before this application in the list's order. */
	private static String before(String key, boolean ascending) {
		String op = ascending ? "<" : ">";
		return ("(case when me_key is null then %1$s is not null or %2$s %3$s %4$s"
				+ " else %1$s is not null and (%1$s %3$s me_key or (%1$s = me_key and %2$s %3$s %4$s)) end)")
			.formatted(key, ORDER, op, MINE);
	}

	private static String after(boolean ascending) {
		return ORDER + (ascending ? " > " : " < ") + MINE;
	}

	private static String before(boolean ascending) {
		return ORDER + (ascending ? " < " : " > ") + MINE;
	}

	/**
	 * The list's order ({@code missingFirst} false), or its reverse: the key the other
	 * way with missing keys first, then the committee's order the other way.
	 */
	private static String order(String key, boolean ascending, boolean missingFirst) {
		String direction = ascending ? " asc" : " desc";
		String tie = "first_received_at" + direction + ", created_at" + direction + ", id" + direction;
		return key == null ? tie : key + direction + (missingFirst ? " nulls first, " : " nulls last, ") + tie;
	}

}
