package guichet.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * With no {@code guichet.security.users}, one user {@code admin}: its password is made at
 * the first start and shown once in the log, and only its bcrypt hash is kept in the data
 * folder, so that it stays the same across restarts and crashes. Deleting that file makes
 * a new one at the next start.
 */
final class GeneratedAdmin {

	static final String FILE = "generated-admin-password.bcrypt";

	private static final Logger log = LoggerFactory.getLogger(GeneratedAdmin.class);

	private GeneratedAdmin() {
	}

	static UserDetails in(Path dataDir) {
		Path file = dataDir.resolve(FILE).toAbsolutePath();
		try {
			if (Files.isRegularFile(file)) {
				String hash = Files.readString(file, StandardCharsets.US_ASCII).strip();
				log.info("No guichet.security.users configured: user 'admin' (role ADMIN) has the password made at the "
						+ "first start and shown then; delete {} for a new one", file);
				return admin("{bcrypt}" + hash);
			}
		}
		catch (IOException ex) {
			log.warn("Could not read {} ({}): making a new admin password", file, ex.getMessage());
		}
		byte[] random = new byte[18];
		new SecureRandom().nextBytes(random);
		String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		String kept = keep(file, new BCryptPasswordEncoder().encode(password)) ? "kept for the next starts"
				: "not kept: a new one at the next start";
		log.warn("No guichet.security.users configured: created user 'admin' (role ADMIN) with password {}  "
				+ "(shown once, {}; configure users in config/application.yml)", password, kept);
		return admin("{noop}" + password);
	}

	private static boolean keep(Path file, String hash) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, hash + "\n", StandardCharsets.US_ASCII);
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException notPosix) {
				// the hash alone does not give the password away
			}
			return true;
		}
		catch (IOException ex) {
			log.warn("Could not keep the admin password's hash in {}: {}", file, ex.getMessage());
			return false;
		}
	}

	private static UserDetails admin(String password) {
		return User.withUsername("admin").password(password).roles("ADMIN").build();
	}

}
