package guichet.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import guichet.application.Filing;
import guichet.application.MessageRetry;
import guichet.application.Reanalysis;
import guichet.digest.DigestClosed;
import guichet.digest.Digests;
import guichet.intake.MailboxHealth;
import guichet.outbox.Outbox;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admins' pages (issue #21): how the mailboxes are doing, what was quarantined or
 * ignored and why, what the outbox holds, and the actions that go with them. Each action
 * is a GET that asks for confirmation and a POST (with its CSRF token) that does it and
 * says what it did.
 */
@Controller
class AdminPages {

	private final MailboxHealth mailboxes;

	private final JdbcClient jdbc;

	private final MessageRetry retry;

	private final Outbox outbox;

	private final Digests digests;

	private final Reanalysis reanalysis;

	private final MessageSource messages;

	AdminPages(MailboxHealth mailboxes, JdbcClient jdbc, MessageRetry retry, Outbox outbox, Digests digests,
			Reanalysis reanalysis, MessageSource messages) {
		this.mailboxes = mailboxes;
		this.jdbc = jdbc;
		this.retry = retry;
		this.outbox = outbox;
		this.digests = digests;
		this.reanalysis = reanalysis;
		this.messages = messages;
	}

	/** Where a confirmation form posts: to the address that asked for it. */
	@org.springframework.web.bind.annotation.ModelAttribute("requestPath")
	String requestPath(jakarta.servlet.http.HttpServletRequest request) {
		return request.getServletPath();
	}

	record MailboxView(String name, String status, Object lastPoll, String lastError, String reason) {
	}

	record MessageView(UUID id, String mailbox, String sender, String subject, String reason, String lastError,
			Instant fetchedAt, int attempts) {
	}

	@GetMapping("/admin")
	String overview(Model model) {
		List<MailboxView> boxes = new ArrayList<>();
		this.mailboxes.forEach(named -> {
			Health health = ((HealthIndicator) named.getContributor()).health();
			Map<String, Object> details = health.getDetails();
			boxes.add(new MailboxView(named.getName(), health.getStatus().getCode(), details.get("lastSuccessfulPoll"),
					(String) details.get("lastError"), (String) details.get("reason")));
		});
		model.addAttribute("mailboxes", boxes);
		model.addAttribute("quarantined", messages("QUARANTINED"));
		model.addAttribute("ignored", messages("IGNORED"));
		model.addAttribute("outbox", this.outbox.list(List.of("PENDING", "FAILED")));
		return "admin/overview";
	}

	@GetMapping("/admin/messages/{id}/retry")
	String confirmRetry(@PathVariable UUID id, Model model) {
		model.addAttribute("question", "admin.confirm.retryMessage");
		model.addAttribute("message",
				this.jdbc
					.sql("""
							select id, mailbox, sender, subject, reason, last_error, fetched_at, attempts from message where id = :id
							""")
					.param("id", id)
					.query(AdminPages::message)
					.optional()
					.orElse(null));
		return "admin/confirm";
	}

	@PostMapping("/admin/messages/{id}/retry")
	String retry(@PathVariable UUID id, RedirectAttributes redirect, Locale locale) {
		String done = this.retry.retry(id)
			.map(filing -> say("admin.done.retryMessage", locale, describe(filing)))
			.orElseGet(() -> say("admin.done.notFound", locale));
		redirect.addFlashAttribute("done", done);
		return "redirect:/admin";
	}

	@GetMapping("/admin/outbox/{id}/retry")
	String confirmOutbox(@PathVariable UUID id, Model model) {
		model.addAttribute("question", "admin.confirm.retryOutbox");
		return "admin/confirm";
	}

	@PostMapping("/admin/outbox/{id}/retry")
	String retryOutbox(@PathVariable UUID id, RedirectAttributes redirect, Locale locale) {
		redirect.addFlashAttribute("done",
				this.outbox.retry(id) ? say("admin.done.retryOutbox", locale) : say("admin.done.notFound", locale));
		return "redirect:/admin";
	}

	@GetMapping("/admin/digest")
	String confirmDigest(Model model) {
		model.addAttribute("question", "admin.confirm.digest");
		return "admin/confirm";
	}

	@PostMapping("/admin/digest")
	String digest(RedirectAttributes redirect, Locale locale) {
		DigestClosed closed = this.digests.closeNow();
		redirect.addFlashAttribute("done", say("admin.done.digest", locale, closed.applications()));
		return "redirect:/admin";
	}

	@GetMapping("/admin/rejudge")
	String confirmRejudge(Model model) {
		model.addAttribute("question", "admin.confirm.rejudge");
		return "admin/confirm";
	}

	@PostMapping("/admin/rejudge")
	String rejudge(RedirectAttributes redirect, Locale locale) {
		Reanalysis.Result result = this.reanalysis.reanalyseAll();
		redirect.addFlashAttribute("done", say("admin.done.rejudge", locale, result.submissions(), result.changed()));
		return "redirect:/admin";
	}

	private List<MessageView> messages(String state) {
		return this.jdbc.sql("""
				select id, mailbox, sender, subject, reason, last_error, fetched_at, attempts
				from message where state = :state order by fetched_at desc, id limit 500
				""").param("state", state).query(AdminPages::message).list();
	}

	private static MessageView message(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new MessageView(rs.getObject("id", UUID.class), rs.getString("mailbox"), rs.getString("sender"),
				rs.getString("subject"), rs.getString("reason"), rs.getString("last_error"),
				rs.getTimestamp("fetched_at").toInstant(), rs.getInt("attempts"));
	}

	private static String describe(Filing filing) {
		return filing.outcome() + (filing.applicationId() != null ? " → " + filing.applicationId() : "")
				+ (filing.reason() != null ? " (" + filing.reason() + ")" : "");
	}

	private String say(String key, Locale locale, Object... arguments) {
		return this.messages.getMessage(key, arguments, locale);
	}

}
