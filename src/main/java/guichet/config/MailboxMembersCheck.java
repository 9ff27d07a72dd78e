package guichet.config;

import java.util.List;

import guichet.application.CommitteeProperties;
import guichet.application.CommitteeProperties.Member;
import guichet.intake.MailboxProperties.Mailbox;
import guichet.settings.InvalidSettingException;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;

/**
 * A mailbox's {@code member} must name a committee member (a copy found in it proves that
 * member received the application, issue #17): checked as soon as the settings are read,
 * as {@link UserMembersCheck} does, since it spans {@code guichet.mailboxes} and
 * {@code guichet.committee}. Registered in {@code META-INF/spring.factories}.
 */
class MailboxMembersCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		Binder binder = Binder.get(event.getEnvironment());
		List<Mailbox> mailboxes;
		CommitteeProperties committee;
		try {
			mailboxes = binder.bind("guichet.mailboxes", Bindable.listOf(Mailbox.class)).orElse(List.of());
			committee = new CommitteeProperties(
					binder.bind("guichet.committee", Bindable.listOf(Member.class)).orElse(null));
		}
		catch (RuntimeException unreadable) {
			return; // the settings' own binding reports it, with its usual message
		}
		check(mailboxes, committee);
	}

	static void check(List<Mailbox> mailboxes, CommitteeProperties committee) {
		for (int i = 0; i < mailboxes.size(); i++) {
			String member = mailboxes.get(i).member();
			if (member != null && !committee.isMember(member)) {
				throw new InvalidSettingException("guichet.mailboxes[" + i + "].member", member,
						"no committee member has this address; it must be one of guichet.committee: "
								+ String.join(", ", committee.addresses()));
			}
		}
	}

}
