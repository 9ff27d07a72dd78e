package guichet.oauth2;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import guichet.settings.InvalidSettingException;

/**
 * Encrypts the refresh tokens stored in PostgreSQL (AES-256-GCM, key from
 * {@code guichet.oauth2.encryption-key}), so that a dump or a backup of the database does
 * not give access to the committee's mailboxes. Each token is bound to its registration
 * and user (associated data): a row copied onto another one does not decrypt.
 */
final class TokenCipher {

	static final String PROPERTY = "guichet.oauth2.encryption-key";

	private static final byte VERSION = 1;

	private static final int IV_BYTES = 12;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKey key;

	/**
	 * @param base64Key 32 bytes in Base64, or null when refresh tokens are not used
	 */
	TokenCipher(String base64Key) {
		if (base64Key == null || base64Key.isBlank()) {
			this.key = null;
			return;
		}
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64Key.strip());
		}
		catch (IllegalArgumentException ex) {
			bytes = new byte[0];
		}
		if (bytes.length != 32) {
			throw new InvalidSettingException(PROPERTY, "(hidden)",
					"must be 32 random bytes in Base64, such as the output of: openssl rand -base64 32");
		}
		this.key = new SecretKeySpec(bytes, "AES");
	}

	boolean hasKey() {
		return key != null;
	}

	byte[] seal(String token, String context) {
		requireKey();
		try {
			byte[] iv = new byte[IV_BYTES];
			RANDOM.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
			byte[] out = new byte[1 + IV_BYTES + sealed.length];
			out[0] = VERSION;
			System.arraycopy(iv, 0, out, 1, IV_BYTES);
			System.arraycopy(sealed, 0, out, 1 + IV_BYTES, sealed.length);
			return out;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not encrypt a refresh token", ex);
		}
	}

	/**
	 * @throws IllegalStateException when the key is not the one the token was stored with
	 */
	String open(byte[] sealed, String context) {
		requireKey();
		if (sealed.length < 1 + IV_BYTES + 16 || sealed[0] != VERSION) {
			throw new IllegalStateException("a stored refresh token is not in a known format");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 1, IV_BYTES));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			byte[] plain = cipher.doFinal(sealed, 1 + IV_BYTES, sealed.length - 1 - IV_BYTES);
			return new String(plain, StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("a stored refresh token does not decrypt with " + PROPERTY
					+ " (was the key changed?): import the refresh token again");
		}
	}

	private void requireKey() {
		if (key == null) {
			throw new IllegalStateException("refresh tokens are stored encrypted: set " + PROPERTY
					+ " (environment GUICHET_OAUTH2_ENCRYPTIONKEY) to 32 random bytes in Base64 (openssl rand -base64 32)");
		}
	}

}
