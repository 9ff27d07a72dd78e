package guichet.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing down: after {@link #MAX_FAILURES} failed sign-ins for one user
 * name, or {@link #MAX_FAILURES_PER_ADDRESS} from one address, within {@link #PAUSE},
 * that name or address may not sign in until {@link #PAUSE} after its last failure. An
 * address gets more tries than a name because a whole office may share one (behind NAT or
 * a proxy): a guesser there should not lock every member out. Counted in memory: a
 * restart forgets, which only gives a guesser a few more tries. It applies to the pages'
 * form and to the API's HTTP Basic alike, so that guessing through the API gains nothing.
 */
@Component
public class SignInThrottle {

	private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

	public static final int MAX_FAILURES = 5;

	public static final int MAX_FAILURES_PER_ADDRESS = 20;

	public static final Duration PAUSE = Duration.ofMinutes(15);

	/**
	 * Enough for any real committee; beyond it the oldest keys are forgotten, so memory
	 * stays bounded.
	 */
	private static final int MAX_KEYS = 10_000;

	private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

	private final Clock clock;

	@Autowired
	public SignInThrottle() {
		this(Clock.systemUTC());
	}

	SignInThrottle(Clock clock) {
		this.clock = clock;
	}

	/** Whether this user name or this address has failed too often lately. */
	public boolean isPaused(String username, String address) {
		return paused(userKey(username), MAX_FAILURES) || paused(addressKey(address), MAX_FAILURES_PER_ADDRESS);
	}

	public void failed(String username, String address) {
		if (this.failures.size() > MAX_KEYS) {
			forgetOld();
		}
		record(userKey(username));
		record(addressKey(address));
		if (isPaused(username, address)) {
			log.warn("Sign-in paused for {} minutes after repeated failures: user name '{}' or address {}",
					PAUSE.toMinutes(), printable(username), address);
		}
	}

	/**
	 * A success clears the user name's count (not the address's: a guesser who knows one
	 * password stays slowed).
	 */
	public void succeeded(String username) {
		this.failures.remove(userKey(username));
	}

	private boolean paused(String key, int limit) {
		Deque<Instant> times = this.failures.get(key);
		if (times == null) {
			return false;
		}
		synchronized (times) {
			Instant since = this.clock.instant().minus(PAUSE);
			return times.stream().filter(time -> time.isAfter(since)).count() >= limit;
		}
	}

	private void record(String key) {
		Deque<Instant> times = this.failures.computeIfAbsent(key, k -> new ArrayDeque<>());
		synchronized (times) {
			times.addLast(this.clock.instant());
			while (times.size() > MAX_FAILURES_PER_ADDRESS) {
				times.removeFirst();
			}
		}
	}

	private void forgetOld() {
		Instant since = this.clock.instant().minus(PAUSE);
		this.failures.values().removeIf(times -> {
			synchronized (times) {
				return times.isEmpty() || !times.peekLast().isAfter(since);
			}
		});
	}

	private static String userKey(String username) {
		return "user:" + (username == null ? "" : username.strip().toLowerCase(Locale.ROOT));
	}

	private static String addressKey(String address) {
		return "address:" + (address == null ? "" : address);
	}

	private static String printable(String text) {
		String value = text == null ? "" : text;
		return value.replaceAll("\\p{C}", "?").substring(0, Math.min(value.length(), 64));
	}

}
