package guichet.config;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import guichet.application.CommitteeProperties;

import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP Basic over the configured users: COMMITTEE reads applications, ADMIN does everything; only health is public.
 * With no user configured, one admin with a random password is created and its password logged once.
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	@Bean
	SecurityFilterChain api(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests(requests -> requests
			.requestMatchers(EndpointRequest.to(HealthEndpoint.class))
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/api/applications", "/api/applications/*", "/api/applications/*/message",
					"/applications", "/applications/**")
			.hasAnyRole("COMMITTEE", "CHAIR", "ADMIN")
			.anyRequest()
			.hasRole("ADMIN"))
			.httpBasic(Customizer.withDefaults())
			.csrf(csrf -> csrf.disable()) // a stateless API with Basic credentials: no session cookie to forge
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		var encoder = (org.springframework.security.crypto.password.DelegatingPasswordEncoder) PasswordEncoderFactories
			.createDelegatingPasswordEncoder();
		// a password written without {id} is taken as plain text, as an admin would expect from a YAML file
		encoder.setDefaultPasswordEncoderForMatches(org.springframework.security.crypto.password.NoOpPasswordEncoder.getInstance());
		return encoder;
	}

	@Bean
	UserDetailsService users(SecurityProperties security, CommitteeProperties committee) {
		UserMembersCheck.check(security.users(), committee); // also checked before start-up; this holds for tests
		List<UserDetails> users = security.users()
			.stream()
			.map(user -> User.withUsername(user.username())
				.password(user.password())
				.roles(user.role().name())
				.build())
			.toList();
		if (!users.isEmpty()) {
			return new InMemoryUserDetailsManager(users);
		}
		byte[] random = new byte[18];
		new SecureRandom().nextBytes(random);
		String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		log.warn("No guichet.security.users configured: created user 'admin' (role ADMIN) with password {}  "
				+ "(shown once; configure users in config/application.yml)", password);
		return new InMemoryUserDetailsManager(User.withUsername("admin").password("{noop}" + password).roles("ADMIN").build());
	}

}
