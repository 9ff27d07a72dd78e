package guichet;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Guichet turns the call's mailboxes into applications the committee can review. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class Guichet {

	static {
		// Jakarta Mail looks its stream provider up with a ServiceLoader on every header parsed and every part
		// decoded, which in a packaged jar means scanning the nested jars each time: a sixth of the intake threads'
		// time in the benchmark's profile. Naming the provider makes it a plain class lookup.
		if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
			System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
		}
	}

	public static void main(String[] args) {
		SpringApplication.run(Guichet.class, args);
	}

}
