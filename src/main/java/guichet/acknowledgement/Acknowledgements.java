package guichet.acknowledgement;

import java.util.function.Supplier;

/**
 * Withholds acknowledgements from the submissions one thread files meanwhile: an archive
 * imported without asking for them (issue #20) must not surprise last month's applicants,
 * while the mailboxes go on acknowledging new ones. The {@link Acknowledger} listens
 * synchronously, on the filing thread and inside its transaction, so a hold on that
 * thread covers exactly the import's filings and no route's.
 */
public final class Acknowledgements {

	private static final ThreadLocal<Boolean> WITHHELD = ThreadLocal.withInitial(() -> false);

	private Acknowledgements() {
	}

	/** Does {@code work} with no acknowledgement written for what it files. */
	public static <T> T withheldDuring(Supplier<T> work) {
		boolean before = WITHHELD.get();
		WITHHELD.set(true);
		try {
			return work.get();
		}
		finally {
			WITHHELD.set(before);
		}
	}

	static boolean areWithheld() {
		return WITHHELD.get();
	}

}
