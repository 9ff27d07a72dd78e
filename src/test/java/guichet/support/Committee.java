package guichet.support;

import java.util.List;

/**
 * The tests' own committee of four (set by {@link GuichetTestContext}: the call's real
 * committee is the default, see {@code CommitteeProperties.CALL}), and the shared
 * address, as tests use them.
 */
public final class Committee {

	public static final String SHARED = "applications@committee.example";

	public static final String ALICE = "alice@committee.example";

	public static final String BRUNO = "bruno@committee.example";

	public static final String CHIARA = "chiara@committee.example";

	public static final String DARIUSZ = "dariusz@committee.example";

	public static final List<String> MEMBERS = List.of(ALICE, BRUNO, CHIARA, DARIUSZ);

	public static final List<String> MAILBOXES = List.of(SHARED, ALICE, BRUNO, CHIARA, DARIUSZ);

	public static final String PASSWORD = "secret";

	private Committee() {
	}

}
