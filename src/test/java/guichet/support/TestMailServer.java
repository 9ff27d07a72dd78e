package guichet.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

import guichet.startup.NamedProviders;

/** A GreenMail server (SMTP and IMAP on free localhost ports) for one test class. */
public final class TestMailServer {

	private TestMailServer() {
	}

	public static GreenMail start() {
		NamedProviders.install();
		GreenMail greenMail = new GreenMail(
				new ServerSetup[] { ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort() });
		greenMail.start();
		return greenMail;
	}

}
