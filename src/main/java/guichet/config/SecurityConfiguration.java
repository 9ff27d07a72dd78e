package guichet.config;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import guichet.signin.SignInThrottle;
import guichet.signin.ThrottledAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import guichet.application.CommitteeProperties;

import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
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
 * The configured users: COMMITTEE reads applications, ADMIN does everything; only health
 * and the sign-in page are public. The API answers HTTP Basic; the pages have a sign-in
 * form and a session. With no user configured, one admin with a random password is
 * created and its password logged once.
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	/**
	 * The API and actuator: HTTP Basic, no session, no CSRF token (a stateless API with
	 * Basic credentials has no session cookie to forge).
	 */
	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, AuthenticationManager authentication) throws Exception {
		return http.securityMatcher("/api/**", "/actuator/**")
			.authorizeHttpRequests(requests -> requests.requestMatchers(EndpointRequest.to(HealthEndpoint.class))
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/api/applications", "/api/applications/*",
						"/api/applications/*/message")
				.hasAnyRole("COMMITTEE", "CHAIR", "ADMIN")
				.anyRequest()
				.hasRole("ADMIN"))
			.authenticationManager(authentication)
			.httpBasic(Customizer.withDefaults())
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.build();
	}

	/**
	 * The pages (issue #21): a sign-in form, a session cookie whose id changes at
	 * sign-in, CSRF tokens on every form, "remember me" for 14 days, and headers that
	 * keep applicant content from running: a Content-Security-Policy without inline
	 * scripts or styles, no framing, no type sniffing.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain pages(HttpSecurity http, AuthenticationManager authentication, UserDetailsService users)
			throws Exception {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return http
			.authorizeHttpRequests(
					requests -> requests.requestMatchers("/login", "/guichet.css", "/keys.js", "/favicon.ico", "/error")
						.permitAll()
						.requestMatchers("/admin", "/admin/**")
						.hasRole("ADMIN")
						.anyRequest()
						.hasAnyRole("COMMITTEE", "CHAIR", "ADMIN"))
			.authenticationManager(authentication)
			.formLogin(form -> form.loginPage("/login").failureHandler(SignInFailure::redirect).permitAll())
			.logout(logout -> logout.logoutSuccessUrl("/login?signedOut").deleteCookies("JSESSIONID"))
			// a random key: a restart asks everyone to sign in again, and no key sits in
			// a file
			.rememberMe(remember -> remember.key(Base64.getEncoder().encodeToString(key))
				.tokenValiditySeconds((int) Duration.ofDays(14).toSeconds())
				.userDetailsService(users))
			.sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src 'self'; "
						+ "style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
						+ "form-action 'self'; frame-ancestors 'none'"))
				.frameOptions(frame -> frame.deny())
				.contentTypeOptions(Customizer.withDefaults())
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
			.build();
	}

	/**
	 * One check of user names and passwords for the pages and the API, slowed down after
	 * repeated failures.
	 */
	@Bean
	AuthenticationManager authenticationManager(UserDetailsService users, PasswordEncoder passwords,
			SignInThrottle throttle) {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
		provider.setPasswordEncoder(passwords);
		return new ProviderManager(new ThrottledAuthentication(provider, throttle));
	}

	/** Wrong password and paused sign-in say different things on the page. */
	private static final class SignInFailure {

		private SignInFailure() {
		}

		static void redirect(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
				throws IOException {
			response.sendRedirect(
					request.getContextPath() + (ex instanceof LockedException ? "/login?paused" : "/login?error"));
		}

	}

	@Bean
	PasswordEncoder passwordEncoder() {
		var encoder = (org.springframework.security.crypto.password.DelegatingPasswordEncoder) PasswordEncoderFactories
			.createDelegatingPasswordEncoder();
		// a password written without {id} is taken as plain text, as an admin would
		// expect from a YAML file
		encoder.setDefaultPasswordEncoderForMatches(
				org.springframework.security.crypto.password.NoOpPasswordEncoder.getInstance());
		return encoder;
	}

	@Bean
	UserDetailsService users(SecurityProperties security, CommitteeProperties committee, EmbeddedProperties embedded) {
		// also checked before start-up (MemberLinksCheck); this holds for tests
		MemberLinksCheck.check("guichet.security.users", security.users(), SecurityProperties.User::member, committee);
		List<UserDetails> users = security.users()
			.stream()
			.map(user -> User.withUsername(user.username()).password(user.password()).roles(user.role().name()).build())
			.toList();
		return new InMemoryUserDetailsManager(users.isEmpty() ? List.of(GeneratedAdmin.in(embedded.dataDir())) : users);
	}

}
