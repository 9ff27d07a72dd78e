package guichet.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.base.GreenMailOperations;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * One Guichet, shared by the mail tests of every package: it polls two committee
 * mailboxes (alice, bruno) of a GreenMail server and sends its own mail through it.
 * French notes are late (their deadline was yesterday), English notes are on time (theirs
 * is in a month). Also the GreenMail plumbing: send an application, read a mailbox over
 * IMAP, find a part. A test that needs a Guichet of its own starts it with
 * {@link Guichets}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
public abstract class MailTestSupport {

	public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	public static final List<String> COMMITTEE = List.of("alice@committee.example", "bruno@committee.example",
			"chiara@committee.example", "dariusz@committee.example");

	/** Started once per JVM, so that every test class shares one Spring context. */
	protected static final GreenMail greenMail = startGreenMail();

	private static GreenMail startGreenMail() {
		GreenMail server = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
		server.start();
		COMMITTEE.forEach(member -> server.setUser(member, member, "secret"));
		return server;
	}

	@DynamicPropertySource
	static void guichet(DynamicPropertyRegistry registry) {
		GuichetTestContext
			.settings(greenMail.getImap().getPort(), greenMail.getSmtp().getPort(),
					"target/test-pg/" + UUID.randomUUID())
			.forEach((name, value) -> registry.add(name, () -> value));
		registry.add("guichet.mailboxes[0].username", () -> COMMITTEE.get(0));
		registry.add("guichet.mailboxes[1].username", () -> COMMITTEE.get(1));
		for (int i = 0; i < 2; i++) {
			String prefix = "guichet.mailboxes[" + i + "].";
			registry.add(prefix + "protocol", () -> "imap");
			registry.add(prefix + "host", () -> "127.0.0.1");
			registry.add(prefix + "port", () -> greenMail.getImap().getPort());
			registry.add(prefix + "password", () -> "secret");
			registry.add(prefix + "poll-interval", () -> "500ms");
		}
	}

	/**
	 * A fresh applicant address, with a GreenMail mailbox to read the acknowledgements
	 * from.
	 */
	protected static String applicant(String name) {
		return applicant(greenMail, name);
	}

	public static String applicant(GreenMailOperations server, String name) {
		String address = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@applicants.example";
		server.setUser(address, address, "secret");
		return address;
	}

	/**
	 * An application as an applicant writes it: to the given committee members, with a
	 * Message-ID ({@link TestMail}, the one mail builder, for anything more).
	 */
	public static MimeMessage application(String from, String name, String subject, String body, List<String> to)
			throws MessagingException, IOException {
		return TestMail.application()
			.from(from, name)
			.to(to.toArray(String[]::new))
			.subject(subject)
			.body(body)
			.build();
	}

	protected static void send(MimeMessage message) throws MessagingException {
		send(greenMail, message);
	}

	public static void send(GreenMailOperations server, MimeMessage message) throws MessagingException {
		Properties properties = new Properties();
		properties.put("mail.smtp.host", "127.0.0.1");
		properties.put("mail.smtp.port", String.valueOf(server.getSmtp().getPort()));
		Session session = Session.getInstance(properties);
		MimeMessage copy = new MimeMessage(session, new java.io.ByteArrayInputStream(bytes(message)));
		try (Transport transport = session.getTransport("smtp")) {
			transport.connect();
			// not Transport.send, which would give the message a new Message-ID
			transport.sendMessage(copy, message.getAllRecipients());
		}
	}

	/** The messages in this address's INBOX, read over IMAP. */
	protected static List<MimeMessage> inbox(String address) {
		return inbox(greenMail, address, "secret");
	}

	public static List<MimeMessage> inbox(GreenMailOperations server, String address, String password) {
		Properties properties = new Properties();
		Session session = Session.getInstance(properties);
		try (Store store = session.getStore("imap")) {
			store.connect("127.0.0.1", server.getImap().getPort(), address, password);
			Folder inbox = store.getFolder("INBOX");
			inbox.open(Folder.READ_ONLY);
			List<MimeMessage> messages = new ArrayList<>();
			for (Message message : inbox.getMessages()) {
				messages.add(new MimeMessage((MimeMessage) message));
			}
			inbox.close(false);
			return messages;
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("Could not read the mailbox of " + address, ex);
		}
	}

	/**
	 * The messages Guichet sent to this address ({@code X-Guichet: kind}), waiting until
	 * there are at least so many.
	 */
	protected static List<MimeMessage> awaitGuichetMail(String address, String kind, int atLeast) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> guichetMail(inbox(address), kind), messages -> messages.size() >= atLeast);
	}

	/**
	 * Waits until the shared Guichet has filed {@code count} applications whose subject
	 * ends with {@code token}, and returns their ids.
	 */
	protected static List<UUID> awaitFiled(JdbcClient jdbc, String token, int count) {
		return await().atMost(Duration.ofSeconds(60))
			.until(() -> jdbc.sql("select id from application where version > 0 and subject like :s")
				.param("s", "%" + token)
				.query(UUID.class)
				.list(), filed -> filed.size() == count);
	}

	public static List<MimeMessage> guichetMail(List<MimeMessage> messages, String kind) {
		return messages.stream().filter(message -> kind.equals(header(message, "X-Guichet"))).toList();
	}

	public static String header(MimeMessage message, String name) {
		try {
			return message.getHeader(name, ",");
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The text of the first part of this type (text/plain, text/html), searched depth
	 * first.
	 */
	public static String text(Part part, String type) {
		try {
			if (part.isMimeType(type)) {
				return (String) part.getContent();
			}
			if (part.isMimeType("multipart/*")) {
				Multipart multipart = (Multipart) part.getContent();
				for (int i = 0; i < multipart.getCount(); i++) {
					BodyPart child = multipart.getBodyPart(i);
					String text = text(child, type);
					if (text != null) {
						return text;
					}
				}
			}
			return null;
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static byte[] bytes(MimeMessage message) {
		try {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			message.writeTo(bytes);
			return bytes.toByteArray();
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A French note, long and plain enough for any language detector. */
	public static final String FRENCH_NOTE = """
			Bonjour, nous vous adressons notre candidature pour le programme. Notre collectif travaille depuis dix ans
			dans le domaine de la culture et de l'éducation populaire. Le projet que nous proposons vise à créer des
			ateliers d'écriture dans les quartiers, avec le soutien des habitants et des associations locales. Nous
			espérons que notre démarche retiendra votre attention et nous restons à votre disposition.
			""";

	/** An English note, long and plain enough for any language detector. */
	public static final String ENGLISH_NOTE = """
			Hello, please find our application for the programme. Our collective has been working for ten years in
			the field of culture and community education. The project we propose aims to create writing workshops in
			the neighbourhoods, with the support of the residents and of the local associations. We hope that our
			approach will be of interest to the committee and we remain at your disposal.
			""";

	/** A note in neither French nor English. */
	public static final String GERMAN_NOTE = """
			Guten Tag, anbei finden Sie unsere Bewerbung für das Programm. Unser Kollektiv arbeitet seit zehn Jahren
			im Bereich der Kultur und der Erwachsenenbildung. Das Projekt, das wir vorschlagen, soll Schreibwerkstätten
			in den Stadtvierteln schaffen, mit der Unterstützung der Bewohner und der örtlichen Vereine. Wir hoffen,
			dass unser Ansatz Ihr Interesse findet, und stehen Ihnen gerne zur Verfügung.
			""";

}
