package guichet.desk;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import guichet.application.Application;
import guichet.application.Applications;
import guichet.application.CommitteeProperties;
import guichet.application.Flag;
import guichet.deadline.DeadlineReason;
import guichet.deadline.DeadlineStatus;
import guichet.note.NoteSource;
import guichet.note.AttachedFiles;
import guichet.note.AttachedFiles.AttachedFile;
import guichet.web.ApplicationDetailView;
import guichet.web.ApplicationDetails;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The committee's desk (issue #21): the list of applications and one page per
 * application, with its files.
 */
@Controller
class ApplicationPages {

	private final ApplicationList list;

	private final ListPlace place;

	private final Applications applications;

	private final CommitteeProperties committee;

	private final JdbcClient jdbc;

	private final AttachedFiles files;

	private final DeadlineReason deadlineReason;

	private final ApplicationDetails details;

	ApplicationPages(ApplicationList list, ListPlace place, Applications applications, CommitteeProperties committee,
			JdbcClient jdbc, AttachedFiles files, DeadlineReason deadlineReason, ApplicationDetails details) {
		this.details = details;
		this.list = list;
		this.place = place;
		this.applications = applications;
		this.committee = committee;
		this.jdbc = jdbc;
		this.files = files;
		this.deadlineReason = deadlineReason;
	}

	@GetMapping("/applications")
	String list(ListQuery query, Model model) {
		model.addAttribute("query", query);
		model.addAttribute("page", this.list.page(query));
		model.addAttribute("flags", Flag.values());
		return "applications/list";
	}

	@GetMapping("/applications/{id}")
	String show(@PathVariable UUID id, ListQuery query, Model model, Locale locale) {
		Application application = filed(id);
		ApplicationDetailView view = this.details.of(application);
		model.addAttribute("query", query);
		// not "application": Thymeleaf keeps that name for the servlet context
		model.addAttribute("detail", view);
		ListPlace.Neighbours neighbours = this.place.of(query, id);
		model.addAttribute("number", neighbours.number());
		model.addAttribute("neighbours", neighbours);
		model.addAttribute("deadlineReason", this.deadlineReason.of(view.language(), view.deadline(),
				view.deadlineStatus() == DeadlineStatus.LATE, locale));
		model.addAttribute("copies", copiesOf(application));
		model.addAttribute("files", filesOf(application).stream()
			.map(file -> new FileView(file.index(), file.name() == null ? "(" + file.index() + ")" : file.name(),
					file.size(), isNote(view, file)))
			.toList());
		return "applications/show";
	}

	record FileView(int index, String name, long size, boolean note) {
	}

	/** One received copy of a version: which mailbox, when, to whom. */
	record CopyView(int version, String mailbox, java.time.Instant receivedAt, String receivedAtSource,
			List<String> recipients) {
	}

	/**
	 * A file of the latest version, byte for byte: always as an attachment with a safe
	 * name, its type detected from its content, never sniffed. {@code ?preview} shows a
	 * PDF in the browser's own viewer instead; nothing else is ever shown inline.
	 */
	@GetMapping("/applications/{id}/files/{index}")
	ResponseEntity<byte[]> file(@PathVariable UUID id, @PathVariable int index,
			@RequestParam(required = false) String preview) {
		AttachedFile file = filesOf(filed(id)).stream()
			.filter(candidate -> candidate.index() == index)
			.findFirst()
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		String type = this.files.detectType(file);
		boolean inline = preview != null && "application/pdf".equals(type);
		ResponseEntity<byte[]> download = Downloads.of(file.content(), type,
				SafeFileName.of(file.name(), "file-" + index), inline);
		if (inline) {
			// the browser's own PDF viewer is a plugin: the pages' "object-src 'none'"
			// would refuse it; the PDF
			// itself runs nothing of Guichet's and may not be framed
			return ResponseEntity.ok()
				.headers(download.getHeaders())
				.header("Content-Security-Policy", "default-src 'none'; object-src 'self'; frame-ancestors 'none'")
				.body(download.getBody());
		}
		return download;
	}

	/** The original message of a version, as received. */
	@GetMapping("/applications/{id}/versions/{version}/message")
	ResponseEntity<byte[]> message(@PathVariable UUID id, @PathVariable int version) {
		Application application = filed(id);
		UUID message = application.versions()
			.stream()
			.filter(submission -> submission.getVersion() == version)
			.findFirst()
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND))
			.getFirstMessage();
		byte[] raw = raw(message).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return Downloads.of(raw, "message/rfc822", "application-" + id + "-v" + version + ".eml", false);
	}

	private Application filed(UUID id) {
		return this.applications.findById(id)
			.filter(Application::hasSubmissions)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private List<AttachedFile> filesOf(Application application) {
		return raw(application.current().getFirstMessage()).map(this.files::of).orElse(List.of());
	}

	private static boolean isNote(ApplicationDetailView view, AttachedFile file) {
		return view.note() != null && view.note().source() == NoteSource.ATTACHMENT && view.note().filename() != null
				&& view.note().filename().equals(file.name());
	}

	private Optional<byte[]> raw(UUID message) {
		return this.jdbc.sql("select raw from message where id = :id")
			.param("id", message)
			.query(byte[].class)
			.optional();
	}

	private List<CopyView> copiesOf(Application application) {
		return this.jdbc.sql("""
				select s.version, m.mailbox, m.received_at, m.received_at_source, m.recipients
				from message m join submission s on s.id = m.submission_id
				where s.application_id = :id and m.state = 'FILED'
				order by s.version, m.received_at, m.mailbox
				""")
			.param("id", application.getId())
			.query((rs, n) -> new CopyView(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
					rs.getString(4), List.of((String[]) rs.getArray(5).getArray())))
			.list();
	}

	/**
	 * RFC 6266: an ASCII name for old clients (other characters as "_") and the exact
	 * name in UTF-8 for the others. The name is already safe ({@link SafeFileName}): no
	 * quote, backslash or control character is left in it.
	 */
	static String disposition(String type, String filename) {
		String ascii = filename.replaceAll("[^\\x20-\\x7E]", "_");
		String header = type + "; filename=\"" + ascii + "\"";
		if (!ascii.equals(filename)) {
			header += "; filename*=UTF-8''"
					+ java.net.URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
		}
		return header;
	}

	/**
	 * Bytes served so that the browser saves them (or, for a PDF preview, hands them to
	 * its own viewer).
	 */
	static final class Downloads {

		private Downloads() {
		}

		static ResponseEntity<byte[]> of(byte[] content, String type, String filename, boolean inline) {
			HttpHeaders headers = new HttpHeaders();
			headers.setContentType(MediaType.parseMediaType(type));
			headers.set(HttpHeaders.CONTENT_DISPOSITION, disposition(inline ? "inline" : "attachment", filename));
			headers.set("X-Content-Type-Options", "nosniff");
			headers.setCacheControl("private, no-store");
			return ResponseEntity.ok().headers(headers).body(content);
		}

	}

}
