package guichet.config;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Who may use the API and web pages ({@code guichet.security.users[i]}). */
@Validated
@ConfigurationProperties("guichet.security")
public record SecurityProperties(@Valid List<User> users) {

	public SecurityProperties {
		users = users == null ? List.of() : List.copyOf(users);
	}

	public enum Role {

		/** Reads applications. */
		COMMITTEE,
		/** Everything: messages, outbox, digest, re-analysis. */
		ADMIN

	}

	/** A user; the password is {@code {bcrypt}…} or {@code {noop}…} (plain text is read as {@code {noop}}). */
	public record User(@NotBlank String username, @NotBlank String password, @NotNull Role role) {

		@Override
		public String toString() {
			return "User[" + username + ", " + role + ", password hidden]";
		}

	}

}
