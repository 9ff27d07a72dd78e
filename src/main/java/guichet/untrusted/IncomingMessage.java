package guichet.untrusted;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;

/**
 * The one way Guichet parses a message it received. Jakarta Mail reads header bytes as
 * Latin-1 unless told that they are UTF-8, and then it reads every header as UTF-8, so
 * either "Élodie" written in raw UTF-8 (as many clients and RFC 6532 do) or "Élodie" in
 * raw Latin-1 (as old ones did) comes out as "Ã‰lodie" or "�lodie". Here each header line
 * is read as UTF-8 when its bytes are valid UTF-8, and as Latin-1 otherwise, which is
 * what a reader expects of both. Encoded words (RFC 2047) are unchanged: they are ASCII.
 */
public final class IncomingMessage {

	private static final Session PARSING = Session.getInstance(new Properties());

	private IncomingMessage() {
	}

	/**
	 * The message in these bytes, over a shared stream (the body is not copied); an empty
	 * message for bytes that are not mail.
	 */
	public static MimeMessage parse(byte[] raw) {
		try {
			return new Parsed(new SharedByteArrayInputStream(raw));
		}
		catch (MessagingException ex) {
			return new MimeMessage(PARSING);
		}
	}

	/** The message in these bytes, or the parser's reason why they are not one. */
	public static MimeMessage parseOrThrow(byte[] raw) throws MessagingException {
		return new Parsed(new SharedByteArrayInputStream(raw));
	}

	/** A header line's bytes as their writer meant them: UTF-8 if valid, else Latin-1. */
	static String decode(byte[] line, int length) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(line, 0, length))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return new String(line, 0, length, StandardCharsets.ISO_8859_1);
		}
	}

	private static final class Parsed extends MimeMessage {

		Parsed(InputStream in) throws MessagingException {
			super(PARSING, in);
		}

		@Override
		protected InternetHeaders createInternetHeaders(InputStream in) throws MessagingException {
			InternetHeaders headers = new InternetHeaders();
			try {
				ByteArrayOutputStream line = new ByteArrayOutputStream(128);
				int previous = -1;
				for (int c = in.read(); c != -1; previous = c, c = in.read()) {
					if (c == '\n') {
						byte[] bytes = line.toByteArray();
						int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1
								: bytes.length;
						if (length == 0) {
							return headers; // the blank line: the body starts at the next
											// byte
						}
						headers.addHeaderLine(decode(bytes, length));
						line.reset();
					}
					else {
						line.write(c);
					}
				}
				if (line.size() > 0 && previous != '\n') {
					headers.addHeaderLine(decode(line.toByteArray(), line.size()));
				}
				return headers;
			}
			catch (IOException ex) {
				throw new MessagingException("Could not read the message's headers", ex);
			}
		}

	}

}
