package guichet.dedup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import guichet.untrusted.MessageValue;

/**
 * Who sent a message, to whom, about what: the headers that decide which submission a
 * copy belongs to. Read leniently: real mail clients break every rule, and a broken
 * header must not lose the message. Every value is bounded and cleaned by
 * {@link MessageValue} (issue #17): the sender chooses all of them.
 *
 * @param sender the From address, lower-cased, or {@code null} when there is none
 * @param senderName the From display name, decoded, on one line, or {@code null}
 * @param subject the subject as written, decoded, on one line, cut to
 * {@link MessageValue#SUBJECT}'s limit
 * @param messageId the normalised Message-ID, or {@code null}
 * @param recipients To and Cc addresses, lower-cased, in order of appearance
 * @param sentAt the sender's Date: header, or {@code null}
 * @param references the normalised Message-IDs of In-Reply-To then References, without
 * repeats
 * @param deliveredTo the addresses of the topmost Delivered-To and X-Original-To headers,
 * which the receiving server adds: where this copy landed
 */
public record Envelope(String sender, String senderName, String subject, String messageId, List<String> recipients,
		Instant sentAt, List<String> references, List<String> deliveredTo) {

	/**
	 * Every value cleaned and bounded (issue #6: a NUL made the ledger refuse the message
	 * and blocked its mailbox; issue #17: a 200 KB subject overflowed the subject key's
	 * index, a CR LF in a name reached a greeting).
	 */
	public Envelope {
		sender = MessageValue.address(sender);
		senderName = MessageValue.DISPLAY_NAME.clean(senderName);
		subject = subject == null ? "" : Objects.requireNonNullElse(MessageValue.SUBJECT.clean(subject), "");
		messageId = MessageValue.MESSAGE_ID.clean(messageId);
		recipients = addresses(recipients, MessageValue.MAX_RECIPIENTS);
		references = references == null ? List.of()
				: references.stream()
					.map(MessageValue.MESSAGE_ID::clean)
					.filter(Objects::nonNull)
					.distinct()
					.limit(MessageValue.MAX_REFERENCES)
					.toList();
		deliveredTo = addresses(deliveredTo, MessageValue.MAX_RECIPIENTS);
	}

	public Envelope(String sender, String senderName, String subject, String messageId, List<String> recipients,
			Instant sentAt) {
		this(sender, senderName, subject, messageId, recipients, sentAt, List.of(), List.of());
	}

	/** The envelope of bytes that are not readable as mail. */
	public static Envelope empty() {
		return new Envelope(null, null, "", null, List.of(), null);
	}

	private static List<String> addresses(List<String> addresses, int max) {
		return addresses == null ? List.of()
				: addresses.stream()
					.map(MessageValue::address)
					.filter(address -> address != null && address.contains("@"))
					.distinct()
					.limit(max)
					.toList();
	}

	/**
	 * The same message said to come from someone else (a forward's original sender), with
	 * these recipients.
	 */
	public Envelope from(String sender, String senderName, String subject, String messageId, List<String> recipients,
			Instant sentAt) {
		return new Envelope(sender, senderName, subject, messageId, recipients, sentAt, references, deliveredTo);
	}

	public static Envelope of(MimeMessage message) {
		InternetAddress from = firstFrom(message);
		return new Envelope(from == null ? null : normaliseAddress(from.getAddress()),
				from == null ? null : blankToNull(from.getPersonal()), decodedSubject(message),
				SubmissionKey.normaliseMessageId(header(message, "Message-ID")), recipients(message), sentAt(message),
				references(message), deliveredTo(message));
	}

	/** In-Reply-To first (the message answered), then References, each id normalised. */
	private static List<String> references(MimeMessage message) {
		List<String> ids = new ArrayList<>();
		for (String name : new String[] { "In-Reply-To", "References" }) {
			String value = header(message, name);
			if (value == null) {
				continue;
			}
			var matcher = MESSAGE_ID_IN_LIST
				.matcher(value.length() > 64 * 1024 ? value.substring(0, 64 * 1024) : value);
			while (matcher.find() && ids.size() < MessageValue.MAX_REFERENCES * 2) {
				String id = SubmissionKey.normaliseMessageId(matcher.group());
				if (id != null) {
					ids.add(id);
				}
			}
		}
		return ids;
	}

	private static final java.util.regex.Pattern MESSAGE_ID_IN_LIST = java.util.regex.Pattern
		.compile("<[^<>\\s]{1,1000}>");

	/**
	 * The first Delivered-To and X-Original-To: the receiving server adds them on top of
	 * what the sender wrote, so only the topmost of each is the server's word.
	 */
	private static List<String> deliveredTo(MimeMessage message) {
		List<String> addresses = new ArrayList<>();
		for (String name : new String[] { "Delivered-To", "X-Original-To" }) {
			try {
				String[] values = message.getHeader(name);
				if (values != null && values.length > 0) {
					parseLeniently(values[0]).forEach(address -> addresses.add(address.getAddress()));
				}
			}
			catch (MessagingException | RuntimeException ex) {
				// no evidence from this header
			}
		}
		return addresses;
	}

	/**
	 * The sender as {@link #of} reads it, alone: for ordering a batch by applicant before
	 * it is filed.
	 */
	public static String senderOf(MimeMessage message) {
		InternetAddress from = firstFrom(message);
		return from == null ? null : MessageValue.address(from.getAddress());
	}

	/**
	 * The subject without reply/forward prefixes, case or spacing: two copies of one mail
	 * agree on it.
	 */
	public String subjectKey() {
		return MessageValue.boundedKey(SubmissionKey.normaliseSubject(subject), MessageValue.MAX_KEY);
	}

	public boolean hasSender() {
		return sender != null && sender.contains("@");
	}

	public static String normaliseAddress(String address) {
		return MessageValue.address(address);
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

	/**
	 * Parses an address list; a list that does not parse as a whole is read address by
	 * address.
	 */
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

}
