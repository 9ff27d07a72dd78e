package guichet.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Repeated failed sign-ins are slowed down (issue #21): 5 for a user name, 20 from an
 * address, then 15 minutes.
 */
class SignInThrottleTests {

	private final MovableClock clock = new MovableClock();

	private final SignInThrottle throttle = new SignInThrottle(clock);

	private final ThrottledAuthentication authentication = new ThrottledAuthentication(passwords(), throttle);

	@Test
	void fiveWrongPasswordsPauseTheUserNameEvenForTheRightPassword() {
		for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
			String address = "10.0.0." + i;
			assertThatThrownBy(() -> signIn("odile", "guess", address)).isInstanceOf(BadCredentialsException.class);
		}

		assertThatThrownBy(() -> signIn("odile", "right", "10.0.1.1")).isInstanceOf(LockedException.class);
		assertThat(signIn("ignacio", "right", "10.0.1.1").isAuthenticated()).isTrue();
	}

	@Test
	void thePauseEndsFifteenMinutesAfterTheLastFailure() {
		for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
			assertThatThrownBy(() -> signIn("odile", "guess", "10.0.0.1")).isInstanceOf(BadCredentialsException.class);
		}
		clock.advance(SignInThrottle.PAUSE.minusSeconds(1));
		assertThatThrownBy(() -> signIn("odile", "right", "10.0.0.1")).isInstanceOf(LockedException.class);

		clock.advance(Duration.ofSeconds(2));

		assertThat(signIn("odile", "right", "10.0.0.1").isAuthenticated()).isTrue();
	}

	@Test
	void anAddressTryingManyNamesIsPausedForEveryName() {
		for (int i = 0; i < SignInThrottle.MAX_FAILURES_PER_ADDRESS; i++) {
			String name = "name" + i;
			assertThatThrownBy(() -> signIn(name, "guess", "192.0.2.7")).isInstanceOf(BadCredentialsException.class);
		}

		assertThatThrownBy(() -> signIn("ignacio", "right", "192.0.2.7")).isInstanceOf(LockedException.class);
		assertThat(signIn("ignacio", "right", "192.0.2.8").isAuthenticated()).isTrue();
	}

	@Test
	void aSuccessForgetsTheNamesEarlierFailures() {
		for (int i = 0; i < SignInThrottle.MAX_FAILURES - 1; i++) {
			assertThatThrownBy(() -> signIn("odile", "guess", "10.0.0.1")).isInstanceOf(BadCredentialsException.class);
		}
		signIn("odile", "right", "10.0.0.1");

		assertThatThrownBy(() -> signIn("odile", "guess", "10.0.0.1")).isInstanceOf(BadCredentialsException.class);

		assertThat(signIn("odile", "right", "10.0.0.1").isAuthenticated()).isTrue();
	}

	private org.springframework.security.core.Authentication signIn(String username, String password, String address) {
		var request = new MockHttpServletRequest();
		request.setRemoteAddr(address);
		var token = UsernamePasswordAuthenticationToken.unauthenticated(username, password);
		token.setDetails(new WebAuthenticationDetails(request));
		return authentication.authenticate(token);
	}

	private static DaoAuthenticationProvider passwords() {
		var users = new InMemoryUserDetailsManager(
				User.withUsername("odile").password("{noop}right").roles("COMMITTEE").build(),
				User.withUsername("ignacio").password("{noop}right").roles("COMMITTEE").build());
		var provider = new DaoAuthenticationProvider(users);
		provider.setPasswordEncoder(
				org.springframework.security.crypto.factory.PasswordEncoderFactories.createDelegatingPasswordEncoder());
		return provider;
	}

	private static final class MovableClock extends Clock {

		private Instant now = Instant.parse("2019-12-18T09:00:00Z");

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}

	}

}
