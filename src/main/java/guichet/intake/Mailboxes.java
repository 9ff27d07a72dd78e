package guichet.intake;

import java.util.List;
import java.util.NoSuchElementException;

import guichet.intake.MailboxProperties.Mailbox;

/**
 * The mailboxes this instance polls: those of {@code guichet.mailboxes}, or, with none
 * configured, those of the embedded mail server.
 */
public record Mailboxes(List<Mailbox> all, boolean embedded) {

	public Mailbox named(String name) {
		return all.stream()
			.filter(mailbox -> mailbox.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new NoSuchElementException("No mailbox named " + name));
	}

}
