package guichet.application;

import java.util.List;
import java.util.Locale;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The steering committee ({@code guichet.committee}): applicants must write to all of them at once. */
@Validated
@ConfigurationProperties("guichet")
public record CommitteeProperties(@NotEmpty @DefaultValue({ "alice@committee.example", "bruno@committee.example",
		"chiara@committee.example", "dariusz@committee.example" }) List<@NotBlank @Email(
				regexp = "[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+") String> committee) {

	/** The members' addresses, lower-cased, in configuration order. */
	public List<String> addresses() {
		return committee.stream().map(address -> address.trim().toLowerCase(Locale.ROOT)).toList();
	}

}
