package guichet.config;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin made when no user is configured keeps its password across restarts: only its
 * hash is kept, in the data folder.
 */
class GeneratedAdminTests {

	@TempDir
	Path dataDir;

	@Test
	void thePasswordShownAtTheFirstStartStillWorksAfterARestart() throws Exception {
		UserDetails first = GeneratedAdmin.in(dataDir);
		String shown = first.getPassword().substring("{noop}".length());

		UserDetails restarted = GeneratedAdmin.in(dataDir);

		assertThat(restarted.getUsername()).isEqualTo("admin");
		assertThat(restarted.getPassword()).startsWith("{bcrypt}").doesNotContain(shown);
		assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches(shown, restarted.getPassword()))
			.isTrue();
		assertThat(Files.readString(dataDir.resolve(GeneratedAdmin.FILE))).doesNotContain(shown);
	}

	@Test
	void deletingTheKeptHashMakesANewPassword() throws Exception {
		String shown = GeneratedAdmin.in(dataDir).getPassword();
		Files.delete(dataDir.resolve(GeneratedAdmin.FILE));

		assertThat(GeneratedAdmin.in(dataDir).getPassword()).startsWith("{noop}").isNotEqualTo(shown);
	}

}
