package guichet.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Archived mail as members export it (issue #20): a message as their server stored it (a
 * {@code Received:} stamp on top, {@code Delivered-To:} the member), and its entry in an
 * mbox file (the {@code From } line, {@code >From } escaping, the empty line after).
 */
public final class Mbox {

	static final DateTimeFormatter RFC_5322 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US)
		.withZone(ZoneOffset.UTC);

	static final DateTimeFormatter FROM_LINE = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.US)
		.withZone(ZoneOffset.UTC);

	private Mbox() {
	}

	/**
	 * The message as {@code member}'s server stored it on reception at {@code received}.
	 */
	public static byte[] received(byte[] message, Instant received, String member) {
		String stamp = "Received: from mx.example.org by mail.committee.example for <" + member + ">;\r\n\t"
				+ RFC_5322.format(received) + "\r\nDelivered-To: " + member + "\r\n";
		byte[] prefix = stamp.getBytes(StandardCharsets.US_ASCII);
		byte[] all = new byte[prefix.length + message.length];
		System.arraycopy(prefix, 0, all, 0, prefix.length);
		System.arraycopy(message, 0, all, prefix.length, message.length);
		return all;
	}

	/** The message received by {@code member} at {@code received}, as an mbox entry. */
	public static byte[] entry(byte[] message, Instant received, String member) {
		String text = new String(received(message, received, member), StandardCharsets.ISO_8859_1).replace("\r\n",
				"\n");
		StringBuilder entry = new StringBuilder("From applicant@example.org " + FROM_LINE.format(received) + "\n");
		for (String line : text.split("\n", -1)) {
			entry.append(line.matches(">*From .*") ? ">" + line : line).append('\n');
		}
		return entry.append('\n').toString().getBytes(StandardCharsets.ISO_8859_1);
	}

}
