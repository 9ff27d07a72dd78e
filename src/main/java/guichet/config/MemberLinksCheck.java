package guichet.config;

import java.util.List;
import java.util.function.Function;

import guichet.application.CommitteeProperties;
import guichet.application.CommitteeProperties.Member;
import guichet.config.SecurityProperties.User;
import guichet.intake.MailboxProperties.Mailbox;
import guichet.settings.InvalidSettingException;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;

/**
 * A user's {@code member} (so that reviews and decisions have an author) and a mailbox's
 * {@code member} (a copy found in it proves that member received the application, issue
 * #17) must name a committee member: checked as soon as the settings are read, before the
 * database or a mail server starts, because each spans two settings that bind apart.
 * Registered in {@code META-INF/spring.factories}.
 */
class MemberLinksCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		Binder binder = Binder.get(event.getEnvironment());
		List<User> users;
		List<Mailbox> mailboxes;
		CommitteeProperties committee;
		try {
			users = binder.bind("guichet.security.users", Bindable.listOf(User.class)).orElse(List.of());
			mailboxes = binder.bind("guichet.mailboxes", Bindable.listOf(Mailbox.class)).orElse(List.of());
			committee = new CommitteeProperties(
					binder.bind("guichet.committee", Bindable.listOf(Member.class)).orElse(null));
		}
		catch (RuntimeException unreadable) {
			return; // the settings' own binding reports it, with its usual message
		}
		check("guichet.security.users", users, User::member, committee);
		check("guichet.mailboxes", mailboxes, Mailbox::member, committee);
	}

	static <T> void check(String property, List<T> items, Function<T, String> memberOf, CommitteeProperties committee) {
		for (int i = 0; i < items.size(); i++) {
			String member = memberOf.apply(items.get(i));
			if (member != null && !committee.isMember(member)) {
				throw new InvalidSettingException(property + "[" + i + "].member", member,
						"no committee member has this address; it must be one of guichet.committee: "
								+ String.join(", ", committee.addresses()));
			}
		}
	}

}
