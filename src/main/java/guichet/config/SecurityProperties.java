package guichet.config;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Who may use the API and web pages ({@code guichet.security.users[i]}). */
@Validated
@ConfigurationProperties(prefix = "guichet.security", ignoreUnknownFields = false)
public record SecurityProperties(@Valid List<User> users) {

	public SecurityProperties {
		users = users == null ? List.of() : List.copyOf(users);
	}

	public enum Role {

		/**
		 * A committee member: reads applications (and, with the review pipeline, reviews
		 * them).
		 */
		COMMITTEE,
		/**
		 * A committee member who also decides (the review pipeline's chair); reads as
		 * COMMITTEE does until then.
		 */
		CHAIR,
		/** Everything: messages, outbox, digest, re-analysis. */
		ADMIN

	}

	/**
	 * A user; the password is {@code {bcrypt}…} or {@code {noop}…} (plain text is read as
	 * {@code {noop}}).
	 *
	 * @param member the address of the committee member this user is
	 * ({@code guichet.committee[i].email}, case ignored), so that reviews and decisions
	 * have an author; {@code null} for a user who is no member
	 */
	public record User(@NotBlank String username, @NotBlank String password, @NotNull Role role, String member) {

		public User {
			member = member == null || member.isBlank() ? null : member.strip();
		}

		@Override
		public String toString() {
			return "User[" + username + ", " + role + (member == null ? "" : ", member " + member)
					+ ", password hidden]";
		}

	}

}
