package guichet.digest;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import guichet.application.CommitteeProperties.Member;
import guichet.application.Flag;
import guichet.deadline.CallProperties;
import guichet.deadline.DeadlineStatus;
import guichet.digest.DigestContent.Entry;
import guichet.digest.DigestContent.Totals;
import guichet.mail.PublicUrlProperties;

/**
 * What the digest's templates lay out, every label already in the reader's language(s)
 * ({@link DigestWords}): the summary table with a link to each application's page, the
 * totals, and the details of the first {@code details} applications. Times are in the
 * call's time zone, said once.
 */
final class DigestLayout {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

	/** Enough of the note to recall which one it is; the page has the rest. */
	private static final int EXCERPT = 240;

	private final CallProperties call;

	private final PublicUrlProperties publicUrl;

	DigestLayout(CallProperties call, PublicUrlProperties publicUrl) {
		this.call = call;
		this.publicUrl = publicUrl;
	}

	String subjectOf(DigestContent digest, DigestWords words) {
		int count = digest.entries().size();
		if (count == 0) {
			return "Guichet : " + words.label("digest.subject.nothing");
		}
		return "Guichet : " + words.label("digest.subject.count", count);
	}

	record DigestView(String lang, String greeting, String title, String period, String nothingNew,
			List<String> columns, List<RowView> rows, String totalsTitle, List<Fact> totals, String detailsTitle,
			List<DetailView> details, String more, String listUrl, String listLabel) {
	}

	record RowView(int number, String applicant, String email, String url, String language, String received,
			boolean late, String deadline, String flags) {
	}

	record DetailView(int number, String subject, String url, List<Fact> facts, String excerptLabel, String excerpt) {
	}

	record Fact(String label, String value) {
	}

	DigestView of(DigestContent digest, int details, List<Member> recipients, DigestWords words) {
		List<RowView> rows = new ArrayList<>();
		List<DetailView> detailViews = new ArrayList<>();
		int number = 0;
		for (Entry entry : digest.entries()) {
			number++;
			String url = publicUrl.page("/applications/" + entry.applicationId());
			boolean late = entry.deadlineStatus() == DeadlineStatus.LATE;
			rows.add(new RowView(number,
					shortened(entry.applicantName() == null || entry.applicantName().isBlank() ? entry.applicantEmail()
							: entry.applicantName(), 60),
					shortened(entry.applicantEmail(), 80), url, languageCode(entry.language()),
					time(entry.receivedAt()), late, late ? words.label("digest.late") : words.label("digest.onTime"),
					String.join(", ",
							entry.flags().stream().filter(flag -> flag != Flag.LATE).map(words::shortFlag).toList())));
			if (number <= details) {
				detailViews.add(new DetailView(number, entry.subject(), url, facts(entry, words),
						words.label("digest.excerpt"), shortened(entry.excerpt(), EXCERPT)));
			}
		}
		int left = digest.entries().size() - detailViews.size();
		return new DigestView(words.lang(), greeting(recipients, words), subjectOf(digest, words),
				period(digest, words), digest.entries().isEmpty() ? words.label("digest.nothingNew") : null,
				List.of("#", words.label("digest.applicant"), words.label("digest.language"),
						words.label("digest.received"), words.label("digest.deadline"), words.label("digest.flags")),
				rows, words.label("digest.totals"), totals(digest.totals(), words), words.label("digest.details"),
				detailViews, left == 0 ? null : words.label("digest.more", left), publicUrl.page("/applications"),
				words.label("digest.all"));
	}

	private List<Fact> facts(Entry entry, DigestWords words) {
		List<Fact> facts = new ArrayList<>();
		facts.add(new Fact(words.label("digest.applicant"),
				(entry.applicantName() == null ? "" : entry.applicantName() + " ") + "<" + entry.applicantEmail()
						+ ">"));
		if (entry.version() > 1) {
			facts.add(new Fact(words.label("digest.version.received", String.valueOf(entry.version())),
					time(entry.latestReceivedAt())));
		}
		facts.add(new Fact(words.label("digest.language"), words.language(entry.language())));
		if (entry.deadlineStatus() == DeadlineStatus.LATE) {
			facts.add(new Fact(words.label("digest.deadline"), time(entry.deadline()) + " — "
					+ words.label("digest.late") + " — " + words.lateBecause(entry.language(), entry.deadline())));
		}
		facts.add(new Fact(words.label("digest.note"),
				(entry.noteFilename() != null ? entry.noteFilename()
						: entry.flags().contains(Flag.NO_NOTE) ? words.label("digest.note.none")
								: words.label("digest.note.body"))
						+ (entry.notePageCount() == null ? "" : " (" + entry.notePageCount() + " p.)")));
		if (!entry.flags().isEmpty()) {
			facts.add(new Fact(words.label("digest.flags"),
					String.join("; ", entry.flags().stream().map(words::flag).toList())));
		}
		if (!entry.missingCommittee().isEmpty()) {
			facts.add(new Fact(words.label("digest.missing"), String.join(", ", entry.missingCommittee())));
		}
		if (entry.copies() > 1) {
			facts.add(new Fact(words.label("digest.copies"), String.valueOf(entry.copies())));
		}
		if (entry.version() > 1) {
			facts.add(new Fact(words.label("digest.version"), String.valueOf(entry.version())));
		}
		return facts;
	}

	private static String languageCode(String code) {
		return code == null || "unknown".equals(code) ? "?" : code.toUpperCase(Locale.ROOT);
	}

	private static String shortened(String text, int max) {
		if (text == null) {
			return "";
		}
		return text.codePointCount(0, text.length()) <= max ? text
				: text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
	}

	private List<Fact> totals(Totals totals, DigestWords words) {
		List<Fact> rows = new ArrayList<>();
		rows.add(new Fact(words.label("digest.applications"), String.valueOf(totals.applications())));
		for (Map.Entry<String, Integer> language : totals.byLanguage().entrySet()) {
			rows.add(new Fact(words.label("digest.language") + " : " + words.language(language.getKey()),
					String.valueOf(language.getValue())));
		}
		rows.add(new Fact(words.label("digest.total.onTime"), String.valueOf(totals.onTime())));
		rows.add(new Fact(words.label("digest.total.late"), String.valueOf(totals.late())));
		for (Map.Entry<Flag, Integer> flag : totals.byFlag().entrySet()) {
			rows.add(new Fact(words.flag(flag.getKey()), String.valueOf(flag.getValue())));
		}
		return rows;
	}

	/**
	 * "Bonjour Odile Chagny, Ignacio Doreste, …": the members it goes to, by name when
	 * the committee gives one.
	 */
	private static String greeting(List<Member> recipients, DigestWords words) {
		List<String> names = recipients.stream().map(Member::name).filter(java.util.Objects::nonNull).toList();
		if (names.isEmpty()) {
			return words.label("digest.hello");
		}
		return words.label("digest.hello.to") + " " + String.join(", ", names) + ",";
	}

	/** The period, with the time zone said once for every time in the digest. */
	private String period(DigestContent digest, DigestWords words) {
		String zone = " (" + call.timezone().getId() + ")";
		String until = time(digest.until());
		if (digest.since() == null) {
			return words.label("digest.period.all", until) + zone;
		}
		String since = time(digest.since());
		return words.label("digest.period.since", since, until) + zone;
	}

	private String time(Instant instant) {
		return instant == null ? "—" : TIME.format(instant.atZone(call.timezone()));
	}

}
