package guichet.admin;

import java.util.NoSuchElementException;

import jakarta.mail.MessagingException;

import guichet.intake.Reconciliation;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * Whether anything in a mailbox was missed, in words (issue #20): the report of GET
 * /api/mailboxes/{name}/reconciliation ({@link Reconciliation}, docs/RECONCILIATION.md)
 * as a page, linked from each mailbox of the admin overview.
 */
@Controller
class ReconciliationPage {

	private final Reconciliation reconciliation;

	ReconciliationPage(Reconciliation reconciliation) {
		this.reconciliation = reconciliation;
	}

	@GetMapping("/admin/mailboxes/{name}/reconciliation")
	String show(@PathVariable String name, Model model) {
		model.addAttribute("name", name);
		try {
			model.addAttribute("report", this.reconciliation.reconcile(name));
		}
		catch (NoSuchElementException ex) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no mailbox named " + name);
		}
		catch (MessagingException ex) {
			model.addAttribute("unreachable", ex.getMessage());
		}
		return "admin/reconciliation";
	}

}
