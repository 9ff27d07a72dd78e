package guichet.application;

import guichet.application.Filing.Outcome;

/**
 * Why the clerk does not file a message as (part of) an application: the code that opens
 * the reason an admin reads ({@code GET /api/messages}), and whether the message is kept
 * for an admin to look at ({@link Outcome#QUARANTINED}) or set aside as not an
 * application ({@link Outcome#IGNORED}). Mail that is not an application at all
 * (auto-replies, bounces, lists) is told by {@code dedup/NotAnApplication}.
 */
enum Refusal {

	/** Larger than {@code guichet.intake.max-message-size}. */
	TOO_LARGE(Outcome.QUARANTINED),
	/** Not readable as an email message. */
	UNPARSABLE(Outcome.QUARANTINED),
	/** No From address: nobody to answer. */
	NO_SENDER(Outcome.QUARANTINED),
	/** A member's forward whose From line gives no address (issue #17). */
	FORWARD_WITHOUT_ADDRESS(Outcome.QUARANTINED),
	/** A committee member's own mail, never an application (issue #17). */
	MEMBER_MAIL(Outcome.IGNORED);

	private final Outcome outcome;

	Refusal(Outcome outcome) {
		this.outcome = outcome;
	}

	Outcome outcome() {
		return outcome;
	}

	/** The reason as stored with the message: this code, then what was seen. */
	String because(String detail) {
		return name() + ": " + detail;
	}

}
