package guichet;

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

	public static void main(String[] args) {
		SpringApplication.run(Guichet.class, args);
	}

}
