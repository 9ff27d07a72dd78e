package guichet.config;

import java.util.List;

import guichet.application.CommitteeProperties;
import guichet.application.CommitteeProperties.Member;
import guichet.config.SecurityProperties.User;
import guichet.settings.InvalidSettingException;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;

/**
 * A user's {@code member} must name a committee member (so that reviews and decisions
 * have an author): checked as soon as the settings are read, before the database or a
 * mail server starts, because it spans two settings that bind apart
 * ({@code guichet.security.users} and {@code guichet.committee}). Registered in
 * {@code META-INF/spring.factories}.
 */
class UserMembersCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		Binder binder = Binder.get(event.getEnvironment());
		List<User> users;
		CommitteeProperties committee;
		try {
			users = binder.bind("guichet.security.users", Bindable.listOf(User.class)).orElse(List.of());
			committee = new CommitteeProperties(
					binder.bind("guichet.committee", Bindable.listOf(Member.class)).orElse(null));
		}
		catch (RuntimeException unreadable) {
			return; // the settings' own binding reports it, with its usual message
		}
		check(users, committee);
	}

	static void check(List<User> users, CommitteeProperties committee) {
		for (int i = 0; i < users.size(); i++) {
			String member = users.get(i).member();
			if (member != null && !committee.isMember(member)) {
				throw new InvalidSettingException("guichet.security.users[" + i + "].member", member,
						"no committee member has this address; it must be one of guichet.committee: "
								+ String.join(", ", committee.addresses()));
			}
		}
	}

}
