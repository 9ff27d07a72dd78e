package guichet;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Guichet turns the call's mailboxes into applications the committee can review. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class Guichet {

	public static void main(String[] args) {
		SpringApplication.run(Guichet.class, args);
	}

}
