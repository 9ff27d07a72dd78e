package guichet.dedup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * Who sent a message, to whom, about what: the headers that decide which submission a copy belongs to. Read
 * leniently: real mail clients break every rule, and a broken header must not lose the message.
 *
 * @param sender the From address, lower-cased, or {@code null} when there is none
 * @param senderName the From display name, decoded, or {@code null}
 * @param subject the subject as written, decoded
 * @param messageId the normalised Message-ID, or {@code null}
 * @param recipients To and Cc addresses, lower-cased, in order of appearance
 * @param sentAt the sender's Date: header, or {@code null}
 */
public record Envelope(String sender, String senderName, String subject, String messageId, List<String> recipients,
		Instant sentAt) {

	/**
	 * NUL characters removed (issue #6): PostgreSQL text cannot hold them, and a header carrying one made the ledger
	 * refuse the message, so the poll stopped on it and blocked its mailbox for good.
	 */
	public Envelope {
		sender = withoutNul(sender);
		senderName = withoutNul(senderName);
		subject = withoutNul(subject);
		messageId = withoutNul(messageId);
		recipients = recipients == null ? List.of() : recipients.stream().map(Envelope::withoutNul).toList();
	}

	private static String withoutNul(String text) {
		return text == null || text.indexOf('\0') < 0 ? text : text.replace("\0", "");
	}

	public static Envelope of(MimeMessage message) {
		InternetAddress from = firstFrom(message);
		return new Envelope(from == null ? null : normaliseAddress(from.getAddress()),
				from == null ? null : blankToNull(from.getPersonal()), decodedSubject(message),
				SubmissionKey.normaliseMessageId(header(message, "Message-ID")), recipients(message), sentAt(message));
	}

	/** The sender as {@link #of} reads it, alone: for ordering a batch by applicant before it is filed. */
	public static String senderOf(MimeMessage message) {
		InternetAddress from = firstFrom(message);
		return from == null ? null : withoutNul(normaliseAddress(from.getAddress()));
	}

	/** The subject without reply/forward prefixes, case or spacing: two copies of one mail agree on it. */
	public String subjectKey() {
		return SubmissionKey.normaliseSubject(subject);
	}

	public boolean hasSender() {
		return sender != null && sender.contains("@");
	}

	public static String normaliseAddress(String address) {
		if (address == null) {
			return null;
		}
		String trimmed = address.trim();
		if (trimmed.startsWith("<") && trimmed.endsWith(">")) {
			trimmed = trimmed.substring(1, trimmed.length() - 1);
		}
		return trimmed.isEmpty() ? null : trimmed.toLowerCase(Locale.ROOT);
	}

	static String header(MimeMessage message, String name) {
		try {
			return message.getHeader(name, null);
		}
		catch (MessagingException | RuntimeException ex) {
			return null;
		}
	}

	private static InternetAddress firstFrom(MimeMessage message) {
		String raw = header(message, "From");
		if (raw == null) {
			raw = header(message, "Sender");
		}
		if (raw == null) {
			return null;
		}
		for (InternetAddress address : parseLeniently(raw)) {
			if (address.getAddress() != null && address.getAddress().contains("@")) {
				return address;
			}
		}
		return null;
	}

	private static List<String> recipients(MimeMessage message) {
		Set<String> addresses = new LinkedHashSet<>();
		for (String name : new String[] { "To", "Cc" }) {
			String[] values;
			try {
				values = message.getHeader(name);
			}
			catch (MessagingException | RuntimeException ex) {
				values = null;
			}
			if (values == null) {
				continue;
			}
			for (String value : values) {
				for (InternetAddress address : parseLeniently(value)) {
					String normalised = normaliseAddress(address.getAddress());
					if (normalised != null && normalised.contains("@")) {
						addresses.add(normalised);
					}
				}
			}
		}
		return List.copyOf(addresses);
	}

	/** Parses an address list; a list that does not parse as a whole is read address by address. */
	static List<InternetAddress> parseLeniently(String raw) {
		String unfolded = raw.replaceAll("\r?\n[ \t]+", " ");
		try {
			return List.of(InternetAddress.parseHeader(unfolded, false));
		}
		catch (AddressException | RuntimeException ex) {
			List<InternetAddress> found = new ArrayList<>();
			var matcher = java.util.regex.Pattern.compile("[^\\s<>,;:\"()]+@[^\\s<>,;:\"()]+").matcher(unfolded);
			while (matcher.find()) {
				try {
					found.add(new InternetAddress(matcher.group(), false));
				}
				catch (AddressException | RuntimeException ignored) {
					// not an address after all
				}
			}
			return found;
		}
	}

	private static String decodedSubject(MimeMessage message) {
		String raw = header(message, "Subject");
		if (raw == null) {
			return "";
		}
		String unfolded = raw.replaceAll("\r?\n[ \t]*", " ");
		try {
			return MimeUtility.decodeText(unfolded).strip();
		}
		catch (Exception ex) {
			return unfolded.strip();
		}
	}

	private static Instant sentAt(MimeMessage message) {
		try {
			Date date = message.getSentDate();
			return date == null ? null : date.toInstant();
		}
		catch (MessagingException | RuntimeException ex) {
			return null;
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	/** The addresses of the addressed list, as a set, for comparisons. */
	public Set<String> recipientSet() {
		return Set.copyOf(recipients);
	}

}
