package guichet.desk;

import java.util.List;
import java.util.Map;
import java.util.Set;

import guichet.application.Flag;
import guichet.deadline.DeadlineStatus;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * What a member asked the list for, all of it in the URL so that a view can be shared:
 * {@code language} (fr, en, unknown), {@code deadline} (ON_TIME, LATE), {@code flag}
 * (each one asked for must be there), {@code q} (words), {@code sort} (a column) and
 * {@code dir} (asc, desc), {@code page}. Unknown values are ignored, never passed on.
 */
public record ListQuery(String language, String deadline, List<String> flag, String q, String sort, String dir,
		Integer page) {

	/**
	 * Column name → SQL expression over the list's rows: the only sort expressions that
	 * exist.
	 */
	static final Map<String, String> COLUMNS = Map.ofEntries(Map.entry("number", "number"),
			// accents ignored, so that Élodie sorts with the E's and not after Z
			Map.entry("applicant", "lower(unaccent(coalesce(nullif(applicant_name, ''), applicant_email)))"),
			Map.entry("organisation", "lower(unaccent(organisation))"),
			Map.entry("subject", "lower(unaccent(subject))"),
			// when the application first reached a committee mailbox, as shown
			Map.entry("received", "first_received_at"), Map.entry("language", "language"),
			Map.entry("deadline", "deadline_status"), Map.entry("pages", "note_page_count"),
			Map.entry("flags", "cardinality(flags)"), Map.entry("copies", "copies"),
			Map.entry("missing", "cardinality(missing)"));

	static final int MAX_QUERY_LENGTH = 200;

	public ListQuery {
		// Set.of and Map.of refuse to be asked about null
		language = language != null && Set.of("fr", "en", "unknown").contains(language) ? language : null;
		deadline = named(DeadlineStatus.class, deadline) == null ? null : deadline;
		flag = flag == null ? List.of()
				: flag.stream().filter(name -> named(Flag.class, name) != null).distinct().toList();
		q = q == null || q.isBlank() ? null : q.strip().substring(0, Math.min(q.strip().length(), MAX_QUERY_LENGTH));
		sort = sort != null && COLUMNS.containsKey(sort) ? sort : "number";
		dir = "desc".equals(dir) ? "desc" : "asc";
		page = page == null || page < 1 ? 1 : page;
	}

	public static ListQuery all() {
		return new ListQuery(null, null, null, null, null, null, null);
	}

	/** The constant of that name, exactly as the enum spells it; else {@code null}. */
	private static <E extends Enum<E>> E named(Class<E> type, String name) {
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equals(name)) {
				return constant;
			}
		}
		return null;
	}

	/** The deadline status asked for, or {@code null} for any. */
	public DeadlineStatus deadlineStatus() {
		return named(DeadlineStatus.class, this.deadline);
	}

	/** The flags asked for: each must be there. */
	public List<Flag> flags() {
		return this.flag.stream().map(name -> named(Flag.class, name)).toList();
	}

	public boolean has(String flagName) {
		return this.flag.contains(flagName);
	}

	public boolean isFiltered() {
		return this.language != null || this.deadline != null || !this.flag.isEmpty() || this.q != null;
	}

	/**
	 * The same view sorted by this column: the other direction when it is already sorted
	 * by it.
	 */
	public String sortedBy(String column) {
		String direction = column.equals(this.sort) && "asc".equals(this.dir) ? "desc" : "asc";
		return url("/applications", column, direction, null);
	}

	public String onPage(int number) {
		return url("/applications", this.sort, this.dir, number);
	}

	/**
	 * An application's page, keeping this list's filters and order for previous / next.
	 */
	public String show(java.util.UUID id) {
		return url("/applications/" + id);
	}

	public String url(String path) {
		return url(path, this.sort, this.dir, null);
	}

	private String url(String path, String sortBy, String direction, Integer pageNumber) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromPath(path);
		if (this.language != null) {
			builder.queryParam("language", this.language);
		}
		if (this.deadline != null) {
			builder.queryParam("deadline", this.deadline);
		}
		for (String name : this.flag) {
			builder.queryParam("flag", name);
		}
		if (this.q != null) {
			builder.queryParam("q", this.q);
		}
		if (!"number".equals(sortBy) || !"asc".equals(direction)) {
			builder.queryParam("sort", sortBy).queryParam("dir", direction);
		}
		if (pageNumber != null && pageNumber > 1) {
			builder.queryParam("page", pageNumber);
		}
		return builder.encode().build().toUriString();
	}

	static ListQuery withPage(ListQuery query, int page) {
		return new ListQuery(query.language(), query.deadline(), query.flag(), query.q(), query.sort(), query.dir(),
				page);
	}

}
