package guichet;

import guichet.command.Commands;
import guichet.startup.NamedProviders;

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
		NamedProviders.install();
	}

	/**
	 * {@code java -jar guichet.jar} runs Guichet;
	 * {@code java -jar guichet.jar backup FILE}, {@code import PATH…} and the like run a
	 * command ({@code help} lists them).
	 */
	public static void main(String[] args) {
		if (Commands.isCommand(args)) {
			System.exit(Commands.run(args, System.err, Guichet.class));
		}
		SpringApplication.run(Guichet.class, args);
	}

}
