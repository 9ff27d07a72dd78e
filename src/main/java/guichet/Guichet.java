package guichet;

import guichet.archive.ImportCommand;
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
	 * {@code java -jar guichet.jar backup FILE} and the like run a command;
	 * {@code import PATH…} imports archives.
	 */
	public static void main(String[] args) {
		// TODO #20: make import one of Commands' commands (it needs the whole intake in
		// its context)
		if (ImportCommand.isImport(args)) {
			System.exit(ImportCommand.run(args, Guichet.class, System.out));
		}
		if (Commands.isCommand(args)) {
			System.exit(Commands.run(args, System.err));
		}
		SpringApplication.run(Guichet.class, args);
	}

}
