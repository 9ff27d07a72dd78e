package guichet.web;

import java.util.Map;
import java.util.NoSuchElementException;

import jakarta.mail.MessagingException;

import guichet.intake.Reconciliation;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/mailboxes/{name}/reconciliation (role ADMIN): what the mailbox holds now
 * against what Guichet recorded (docs/RECONCILIATION.md).
 */
@RestController
class MailboxesApi {

	private final Reconciliation reconciliation;

	MailboxesApi(Reconciliation reconciliation) {
		this.reconciliation = reconciliation;
	}

	/**
	 * 200 with the report; 404 for an unknown mailbox; 502 when the mail server cannot be
	 * read.
	 */
	@GetMapping("/api/mailboxes/{name}/reconciliation")
	ResponseEntity<?> reconciliation(@PathVariable String name) {
		try {
			return ResponseEntity.ok(reconciliation.reconcile(name));
		}
		catch (NoSuchElementException ex) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no mailbox named " + name));
		}
		catch (MessagingException ex) {
			return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
				.body(Map.of("error", "the mailbox could not be read: " + ex.getMessage()));
		}
	}

}
