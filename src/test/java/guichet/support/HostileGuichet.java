package guichet.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One Guichet with tight limits (parse timeout 200 ms, which a PDF of many drawing
 * operators, HostileDocuments.slowPdf, exceeds even once the reader is practised, while
 * its text stays far under the 1,000,000-character limit; 2 MB attachments, 4 MB
 * messages), started once per test JVM for the quarantine, security and fuzz tests. Its
 * start-up output is kept, so that a test can check that no password was written there.
 */
public final class HostileGuichet {

	public static final String MAILBOX = "limits@hostile.example";

	/** Distinctive, so that finding it in the output cannot be a coincidence. */
	public static final String MAILBOX_PASSWORD = "Mbx-pw-7f3e91c2";

	public static final String ADMIN_PASSWORD = "admin-pass";

	public static final String COMMITTEE_PASSWORD = "committee-pass";

	private static HostileGuichet started;

	public final GreenMail greenMail;

	public final ConfigurableApplicationContext context;

	public final String startupOutput;

	private HostileGuichet(GreenMail greenMail, ConfigurableApplicationContext context, String startupOutput) {
		this.greenMail = greenMail;
		this.context = context;
		this.startupOutput = startupOutput;
	}

	public static synchronized HostileGuichet get() {
		if (started == null) {
			GreenMail greenMail = TestMailServer.start();
			greenMail.setUser(MAILBOX, MAILBOX, MAILBOX_PASSWORD);
			Guichets.Settings settings = Guichets.pollingMailboxesOf(greenMail, List.of(MAILBOX), "MOVE")
				.set("guichet.mailboxes[0].password", MAILBOX_PASSWORD)
				.set("guichet.limits.parse-timeout", "200ms")
				.set("guichet.limits.max-text-characters", "1000000")
				.set("guichet.limits.max-attachment-size", "2MB")
				.set("guichet.intake.max-message-size", "4MB")
				.set("guichet.intake.max-attempts", "3")
				.set("logging.level.guichet", "DEBUG");
			var captured = new ByteArrayOutputStream();
			PrintStream out = System.out;
			PrintStream err = System.err;
			System.setOut(new PrintStream(new Tee(out, captured), true, StandardCharsets.UTF_8));
			System.setErr(new PrintStream(new Tee(err, captured), true, StandardCharsets.UTF_8));
			ConfigurableApplicationContext context;
			try {
				context = settings.start();
			}
			finally {
				System.setOut(out);
				System.setErr(err);
			}
			started = new HostileGuichet(greenMail, context, captured.toString(StandardCharsets.UTF_8));
			Runtime.getRuntime().addShutdownHook(new Thread(greenMail::stop));
		}
		return started;
	}

	public JdbcClient jdbc() {
		return context.getBean(JdbcClient.class);
	}

	/** An HTTP exchange with the API, as this user ({@code null}: anonymous). */
	public HttpResponse<String> http(String method, String path, String user, String password) {
		String port = context.getEnvironment().getProperty("local.server.port");
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (user != null) {
			request.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
		}
		try {
			return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	public HttpResponse<String> asAdmin(String method, String path) {
		return http(method, path, "admin", ADMIN_PASSWORD);
	}

	private static final class Tee extends OutputStream {

		private final OutputStream first;

		private final OutputStream second;

		Tee(OutputStream first, OutputStream second) {
			this.first = first;
			this.second = second;
		}

		@Override
		public void write(int b) throws java.io.IOException {
			first.write(b);
			second.write(b);
		}

		@Override
		public void write(byte[] b, int off, int len) throws java.io.IOException {
			first.write(b, off, len);
			second.write(b, off, len);
		}

	}

}
