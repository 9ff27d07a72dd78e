package guichet.support;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Broken and hostile MIME messages, written byte by byte the way a broken mail client, a
 * spammer or a truncated transfer would. Kept apart from {@link TestMail}, the one mail
 * builder, because these bytes are what no builder can write: Jakarta Mail repairs or
 * refuses a missing boundary, bad base64, 8-bit headers, a lying charset or a truncated
 * part, which are exactly what these cases must deliver.
 */
public final class MalformedMail {

	private static final String CRLF = "\r\n";

	private MalformedMail() {
	}

	/** Every case, by name, in a stable order. */
	public static Map<String, byte[]> all() {
		Map<String, byte[]> cases = new LinkedHashMap<>();
		String note = "Bonjour, voici notre note descriptive.";
		cases.put("multipart-without-boundary-parameter", ascii(headers("nb") + "Content-Type: multipart/mixed" + CRLF
				+ CRLF + "--x" + CRLF + CRLF + note + CRLF + "--x--" + CRLF));
		cases.put("boundary-never-appears",
				ascii(headers("bna") + "Content-Type: multipart/mixed; boundary=\"zzz\"" + CRLF + CRLF + note + CRLF));
		cases.put("closing-boundary-missing", ascii(headers("cbm") + "Content-Type: multipart/mixed; boundary=\"b1\""
				+ CRLF + CRLF + "--b1" + CRLF + "Content-Type: text/plain" + CRLF + CRLF + note + CRLF));
		byte[] whole = TestMail.application()
			.from("trunc@example.org")
			.attach("note.pdf", "application/pdf", HostileDocuments.textPdf(1))
			.bytes();
		cases.put("truncated-in-attachment", Arrays.copyOf(whole, whole.length * 2 / 3));
		cases.put("truncated-in-headers", Arrays.copyOf(whole, 40));
		cases.put("empty-message", new byte[0]);
		byte[] garbage = new byte[4096];
		new Random(6).nextBytes(garbage);
		cases.put("random-bytes", garbage);
		cases.put("bad-base64-attachment",
				ascii(headers("b64") + "Content-Type: multipart/mixed; boundary=\"b\"" + CRLF + CRLF + "--b" + CRLF
						+ "Content-Type: text/plain" + CRLF + CRLF + note + CRLF + "--b" + CRLF
						+ "Content-Type: application/pdf; name=note.pdf" + CRLF + "Content-Transfer-Encoding: base64"
						+ CRLF + "Content-Disposition: attachment; filename=note.pdf" + CRLF + CRLF
						+ "!!!!not*base64@@@@===JVBERi0x" + CRLF + "====" + CRLF + "--b--" + CRLF));
		cases.put("bad-quoted-printable",
				ascii(headers("qp") + "Content-Type: text/plain; charset=utf-8" + CRLF
						+ "Content-Transfer-Encoding: quoted-printable" + CRLF + CRLF + "Caf=C3=A9 =ZZ =4 =\r\n=" + CRLF
						+ "=E9=" + CRLF));
		cases.put("unknown-transfer-encoding", ascii(headers("ute") + "Content-Type: text/plain" + CRLF
				+ "Content-Transfer-Encoding: x-rot13-deluxe" + CRLF + CRLF + note + CRLF));
		cases.put("8bit-headers-latin1",
				concat(ascii("From: Andr"), new byte[] { (byte) 0xE9 },
						ascii(" <andre-8bit@example.org>" + CRLF + "To: alice@committee.example" + CRLF
								+ "Subject: Candidature "),
						new byte[] { (byte) 0xE0, (byte) 0xE7 },
						ascii(CRLF + "Message-ID: <8bit-latin1@example.org>" + CRLF + CRLF + note + CRLF)));
		cases.put("8bit-headers-utf8",
				(("From: Zoë Łukasz <zoe-utf8@example.org>" + CRLF + "To: alice@committee.example" + CRLF
						+ "Subject: Заявка — candidature 日本" + CRLF + "Message-ID: <8bit-utf8@example.org>" + CRLF
						+ CRLF + note + CRLF)
					.getBytes(StandardCharsets.UTF_8)));
		cases.put("unknown-charset",
				ascii(headers("uc") + "Content-Type: text/plain; charset=x-klingon-2000" + CRLF + CRLF + note + CRLF));
		cases.put("lying-charset-utf16",
				ascii(headers("lc16") + "Content-Type: text/plain; charset=utf-16" + CRLF + CRLF + note + CRLF));
		cases.put("lying-charset-utf8-with-latin1",
				concat(ascii(
						headers("lc8") + "Content-Type: text/plain; charset=utf-8" + CRLF + CRLF + "Candidature r"),
						new byte[] { (byte) 0xE9, (byte) 0xFF, (byte) 0xFE }, ascii("sum" + CRLF)));
		cases.put("rfc2047-broken-encoded-words",
				ascii("From: =?utf-8?B?QW5h!!?= <rfc2047@example.org>" + CRLF + "To: alice@committee.example" + CRLF
						+ "Subject: =?utf-8?Q?Caf=E9?= =?x-unknown?B?AAAA?= =?utf-8?B?4oKs?==?utf-8?Q?unterminated"
						+ CRLF + "Message-ID: <rfc2047@example.org>" + CRLF + CRLF + note + CRLF));
		cases.put("rfc2231-broken-continuations",
				ascii(headers("2231") + "Content-Type: multipart/mixed; boundary=\"b\"" + CRLF + CRLF + "--b" + CRLF
						+ "Content-Type: text/plain" + CRLF + CRLF + note + CRLF + "--b" + CRLF
						+ "Content-Type: text/plain; name*1*=%E2%82; name*3=\"x\"" + CRLF
						+ "Content-Disposition: attachment; filename*0*=x-bogus''%ZZ%E2; filename*2*=utf-8''%AC.txt"
						+ CRLF + CRLF + note + CRLF + "--b--" + CRLF));
		cases.put("header-line-100KB", ascii(headers("long") + "X-Long: " + "a".repeat(100 * 1024) + CRLF + "Subject2: "
				+ "=?utf-8?B?" + "QQ".repeat(20_000) + "?=" + CRLF + CRLF + note + CRLF));
		cases.put("5000-parts", manyParts(5000));
		cases.put("multipart-nested-200-deep", nestedMultiparts(200));
		cases.put("rfc822-nested-200-deep", nestedMessages(200));
		cases.put("no-message-id", ascii("From: nomid@example.org" + CRLF + "To: alice@committee.example" + CRLF
				+ "Subject: Sans id" + CRLF + "Date: Mon, 16 Dec 2019 10:00:00 +0100" + CRLF + CRLF + note + CRLF));
		cases.put("two-message-id-headers",
				ascii("From: twomid@example.org" + CRLF + "To: alice@committee.example" + CRLF + "Subject: Deux ids"
						+ CRLF + "Message-ID: <first-of-two@example.org>" + CRLF
						+ "Message-ID: <second-of-two@example.org>" + CRLF + CRLF + note + CRLF));
		cases.put("message-id-taken-by-another-sender",
				ascii("From: impostor@example.org" + CRLF + "To: alice@committee.example" + CRLF
						+ "Subject: Pas la mienne" + CRLF + "Message-ID: <8bit-utf8@example.org>" + CRLF + CRLF
						+ "Autre texte." + CRLF));
		cases.put("no-from", ascii("To: alice@committee.example" + CRLF + "Subject: Sans expediteur" + CRLF
				+ "Message-ID: <nofrom@example.org>" + CRLF + CRLF + note + CRLF));
		cases.put("from-without-address", ascii("From: Ana Costa" + CRLF + "To: alice@committee.example" + CRLF
				+ "Subject: x" + CRLF + CRLF + note + CRLF));
		cases.put("no-date", ascii("From: nodate@example.org" + CRLF + "To: alice@committee.example" + CRLF
				+ "Subject: Sans date" + CRLF + "Message-ID: <nodate@example.org>" + CRLF + CRLF + note + CRLF));
		cases.put("garbage-date",
				ascii(headers("gd") + "Date: le 32 brumaire an 228, vers midi" + CRLF + CRLF + note + CRLF));
		cases.put("nul-bytes-in-headers-and-body",
				concat(ascii("From: nul@example.org" + CRLF + "To: alice@committee.example" + CRLF + "Subject: a"),
						new byte[] { 0, 0 }, ascii("b" + CRLF + "Message-ID: <nul@example.org>" + CRLF + CRLF + "text"),
						new byte[] { 0 }, ascii("more" + CRLF)));
		cases.put("bare-cr-line-endings", ascii(headers("cr").replace("\r\n", "\r") + "\r" + note + "\r"));
		return cases;
	}

	private static String headers(String id) {
		return "From: Ana Costa <" + id + "@example.org>" + CRLF
				+ "To: alice@committee.example, bruno@committee.example" + CRLF + "Subject: Candidature " + id + CRLF
				+ "Date: Mon, 16 Dec 2019 10:00:00 +0100" + CRLF + "Message-ID: <" + id + "@generated.example>" + CRLF
				+ "MIME-Version: 1.0" + CRLF;
	}

	private static byte[] manyParts(int count) {
		StringBuilder mail = new StringBuilder(headers("parts" + count))
			.append("Content-Type: multipart/mixed; boundary=\"p\"")
			.append(CRLF)
			.append(CRLF);
		for (int i = 0; i < count; i++) {
			mail.append("--p")
				.append(CRLF)
				.append("Content-Type: text/plain; name=part")
				.append(i)
				.append(".txt")
				.append(CRLF)
				.append("Content-Disposition: attachment; filename=part")
				.append(i)
				.append(".txt")
				.append(CRLF)
				.append(CRLF)
				.append("part ")
				.append(i)
				.append(CRLF);
		}
		return ascii(mail.append("--p--").append(CRLF).toString());
	}

	private static byte[] nestedMultiparts(int depth) {
		StringBuilder mail = new StringBuilder(headers("nested" + depth));
		for (int i = 0; i < depth; i++) {
			mail.append("Content-Type: multipart/mixed; boundary=\"n")
				.append(i)
				.append("\"")
				.append(CRLF)
				.append(CRLF)
				.append("--n")
				.append(i)
				.append(CRLF);
		}
		mail.append("Content-Type: text/plain").append(CRLF).append(CRLF).append("deep").append(CRLF);
		for (int i = depth - 1; i >= 0; i--) {
			mail.append("--n").append(i).append("--").append(CRLF);
		}
		return ascii(mail.toString());
	}

	private static byte[] nestedMessages(int depth) {
		String inner = "From: inner@example.org" + CRLF + "Subject: innermost" + CRLF + CRLF + "deep" + CRLF;
		for (int i = 0; i < depth; i++) {
			inner = "From: level" + i + "@example.org" + CRLF + "Subject: Fwd level " + i + CRLF
					+ "Content-Type: message/rfc822" + CRLF + CRLF + inner;
		}
		return ascii(headers("rfc822-" + depth) + "Content-Type: message/rfc822" + CRLF + CRLF + inner);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	/** The pieces one after the other: for tests that cut and splice raw messages. */
	public static byte[] concat(byte[]... pieces) {
		int length = Arrays.stream(pieces).mapToInt(piece -> piece.length).sum();
		byte[] all = new byte[length];
		int at = 0;
		for (byte[] piece : pieces) {
			System.arraycopy(piece, 0, all, at, piece.length);
			at += piece.length;
		}
		return all;
	}

}
