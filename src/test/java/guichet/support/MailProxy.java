package guichet.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A line-by-line TCP relay on loopback between Guichet and a GreenMail server, which
 * shows what a real provider does and GreenMail does not: it records every line the
 * client sends, can hide XOAUTH2 from the server's capabilities (IMAP {@code CAPABILITY},
 * SMTP {@code 250 AUTH}), and can end a session in the middle of a command with a
 * {@code BYE}, as Exchange does when a token expires.
 */
public final class MailProxy implements AutoCloseable {

	private final ServerSocket listener;

	private final int targetPort;

	private final List<String> clientLines = new ArrayList<>();

	private final List<Socket> sockets = new ArrayList<>();

	private final AtomicInteger connections = new AtomicInteger();

	private volatile boolean hideXOAuth2;

	private volatile String endSessionOn;

	private volatile String byeLine;

	public MailProxy(int targetPort) {
		this.targetPort = targetPort;
		try {
			listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread acceptor = new Thread(this::accept, "mail-proxy-" + listener.getLocalPort());
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public int port() {
		return listener.getLocalPort();
	}

	public void hideXOAuth2() {
		this.hideXOAuth2 = true;
	}

	/**
	 * The next time the client sends a line containing {@code fragment}, answer
	 * {@code bye} and close the session.
	 */
	public void endSessionOnNext(String fragment, String bye) {
		this.byeLine = bye;
		this.endSessionOn = fragment;
	}

	public boolean sessionEndPending() {
		return endSessionOn != null;
	}

	public int connections() {
		return connections.get();
	}

	public synchronized List<String> clientLines() {
		return List.copyOf(clientLines);
	}

	private void accept() {
		while (!listener.isClosed()) {
			try {
				Socket client = listener.accept();
				Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
				synchronized (this) {
					sockets.add(client);
					sockets.add(server);
				}
				connections.incrementAndGet();
				relay(client, server, true);
				relay(server, client, false);
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void relay(Socket from, Socket to, boolean fromClient) {
		Thread thread = new Thread(() -> {
			try (InputStream in = new BufferedInputStream(from.getInputStream())) {
				OutputStream out = to.getOutputStream();
				ByteArrayOutputStream line = new ByteArrayOutputStream();
				for (int b; (b = in.read()) != -1;) {
					line.write(b);
					if (b != '\n') {
						continue;
					}
					String text = line.toString(StandardCharsets.ISO_8859_1);
					line.reset();
					if (fromClient) {
						synchronized (this) {
							clientLines.add(text);
						}
						String trigger = endSessionOn;
						if (trigger != null && text.contains(trigger)) {
							endSessionOn = null;
							from.getOutputStream().write(byeLine.getBytes(StandardCharsets.ISO_8859_1));
							from.getOutputStream().flush();
							from.close();
							to.close();
							return;
						}
					}
					else if (hideXOAuth2
							&& (text.contains("CAPABILITY") || text.startsWith("250") || text.startsWith("SASL"))) {
						text = text.replace(" AUTH=XOAUTH2", "").replace(" XOAUTH2", "");
					}
					out.write(text.getBytes(StandardCharsets.ISO_8859_1));
					out.flush();
				}
			}
			catch (IOException ex) {
				// one side closed
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "mail-proxy-relay");
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public synchronized void close() {
		closeQuietly(listener);
		sockets.forEach(MailProxy::closeQuietly);
	}

	private static void closeQuietly(ServerSocket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

}
