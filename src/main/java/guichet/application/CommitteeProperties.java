package guichet.application;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import guichet.settings.InvalidSettingException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

/**
 * The steering committee ({@code guichet.committee}): applicants must write to all of
 * them at once. Unset, it is the committee the call itself names ({@link #CALL}), so that
 * a new installation files the call's real applications without
 * {@code COMMITTEE_INCOMPLETE}.
 */
@Validated
@ConfigurationProperties("guichet")
public record CommitteeProperties(
		@NotEmpty(message = "the call needs at least one committee member") @Valid List<Member> committee) {

	/** The steering committee as the call's texts name it (shared/call/): the default. */
	public static final List<Member> CALL = List.of(
			new Member("Odile Chagny", "odile.chagny@ires.fr", "IRES / Sharers&Workers"),
			new Member("Ignacio Doreste", "idoreste@etuc.org", "ETUC / CES"),
			new Member("Wolfgang Kowalsky", "wkowalsk@etuc.org", "ETUC / CES"),
			new Member("Christophe Teissier", "c.teissier@astrees.org", "ASTREES / Sharers&Workers"));

	/** The languages a member may read the digest in; unset, they get both. */
	private static final Set<String> LANGUAGES = Set.of("fr", "en");

	public CommitteeProperties {
		committee = committee == null ? CALL : List.copyOf(committee);
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < committee.size(); i++) {
			Member member = committee.get(i);
			if (member != null && member.email() != null && !seen.add(member.address())) {
				throw new InvalidSettingException("guichet.committee[" + i + "].email", member.email(),
						"this address is already a committee member's (addresses compare without case)");
			}
			if (member != null && member.language() != null
					&& !LANGUAGES.contains(member.language().toLowerCase(Locale.ROOT))) {
				throw new InvalidSettingException("guichet.committee[" + i + "].language", member.language(),
						"must be fr or en (the digest's headings in that language), or unset for both");
			}
		}
	}

	/** A committee of plain addresses, as older configurations and some tests give it. */
	public static CommitteeProperties of(String... addresses) {
		return new CommitteeProperties(List.of(addresses).stream().map(Member::valueOf).toList());
	}

	/**
	 * The members' addresses, lower-cased, in configuration order: what recipients are
	 * compared with.
	 */
	public List<String> addresses() {
		return committee.stream().map(Member::address).toList();
	}

	public List<Member> members() {
		return committee;
	}

	/** The member with this address (case ignored), if any. */
	public Optional<Member> member(String address) {
		if (address == null) {
			return Optional.empty();
		}
		String wanted = address.strip().toLowerCase(Locale.ROOT);
		return committee.stream().filter(member -> member.address().equals(wanted)).findFirst();
	}

	public boolean isMember(String address) {
		return member(address).isPresent();
	}

	/**
	 * Who was left out (docs/COMMITTEE.md, rule 5): the committee addresses, in
	 * configuration order, that are not among a submission's recipients (both
	 * lower-cased, display names dropped). The one home of the rule: the list page reads
	 * what it answered, stored on each application ({@code StoredFlags}).
	 */
	public static List<String> leftOut(List<String> committee, Collection<String> recipients) {
		Set<String> reached = Set.copyOf(recipients);
		return committee.stream().filter(member -> !reached.contains(member)).toList();
	}

	/** The members left out of these recipients ({@link #leftOut}). */
	public List<Member> membersLeftOut(Collection<String> recipients) {
		List<String> missing = leftOut(addresses(), recipients);
		return committee.stream().filter(member -> missing.contains(member.address())).toList();
	}

	/**
	 * How mails name these addresses: "Christophe Teissier (ASTREES / Sharers&Workers)",
	 * or the address.
	 */
	public List<String> labels(List<String> addresses) {
		return addresses.stream().map(address -> member(address).map(Member::label).orElse(address)).toList();
	}

	/**
	 * A committee member ({@code guichet.committee[i]}): a person with a name and an
	 * organisation, or a plain address string for older configurations.
	 *
	 * @param email as configured: the spelling mails show; compared without case
	 * @param language {@code fr} or {@code en}: the language of the digest's headings for
	 * this member (issue #21); {@code null}: the digest's own ({@code
	 * guichet.digest.language}, both by default)
	 */
	public record Member(String name,
			@NotBlank(message = "every committee member needs an email address") @Email(
					regexp = "[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+") String email,
			String organisation, String language) {

		@ConstructorBinding
		public Member {
			name = blankToNull(name);
			email = email == null ? null : email.strip();
			organisation = blankToNull(organisation);
			language = blankToNull(language);
		}

		public Member(String name, String email, String organisation) {
			this(name, email, organisation, null);
		}

		/**
		 * Binds {@code guichet.committee[i]: someone@example.org}, the shape of older
		 * configurations.
		 */
		public static Member valueOf(String address) {
			return new Member(null, address, null, null);
		}

		/** The address lower-cased: the form compared with recipients. */
		public String address() {
			return email.toLowerCase(Locale.ROOT);
		}

		/**
		 * "Christophe Teissier (ASTREES / Sharers&Workers)", "Christophe Teissier", or
		 * the address.
		 */
		public String label() {
			if (name == null) {
				return email;
			}
			return organisation == null ? name : name + " (" + organisation + ")";
		}

		private static String blankToNull(String text) {
			return text == null || text.isBlank() ? null : text.strip();
		}

	}

}
