package guichet.intake;

import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.NoSuchBeanException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a rejected route edit is described to the admin: file, line and the words that say
 * what is wrong.
 */
class RouteEditProblemTests {

	private static final String ROUTES = """
			- route:
			    id: intake
			    from:
			      uri: direct:intake
			      steps:
			        - bean:
			            ref: clark
			""";

	@Test
	void namesTheLineOfAMissingBeanAndKeepsOnlyTheInnermostMessage() {
		var failure = new FailedToCreateRouteException("intake", "Route(intake)", "Bean[ref:clark]",
				new NoSuchBeanException("clark"));

		var problem = RouteEditProblem.of("routes/intake.camel.yaml", ROUTES, failure);

		assertThat(problem.line()).isEqualTo(7);
		assertThat(problem.error()).isEqualTo("No bean could be found in the registry for: clark");
		assertThat(problem)
			.hasToString("routes/intake.camel.yaml:7: No bean could be found in the registry for: clark");
	}

	@Test
	void namesTheRouteWhenNothingMorePreciseIsKnown() {
		var failure = new FailedToCreateRouteException("intake", "Route(intake)", "Bean[ref:clerk]",
				new IllegalStateException("something\n  went wrong"));

		var problem = RouteEditProblem.of("routes/intake.camel.yaml", ROUTES, failure);

		assertThat(problem.line()).isEqualTo(2);
		assertThat(problem.error()).isEqualTo("something went wrong");
	}

}
