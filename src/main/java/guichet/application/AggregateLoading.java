package guichet.application;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;

/**
 * Applications are read with their versions in one statement (Spring Data JDBC's single
 * query loading) instead of one statement per application for its versions: the
 * committee's list of 1100 applications took 815 to 907 ms that way (issue #7's
 * benchmark, {@code listApplicationsMs}). It applies to every read of a whole aggregate
 * ({@code findAll}, {@code findById}), not to {@code @Query} methods; {@code Application}
 * is the only aggregate.
 */
@Configuration(proxyBeanMethods = false)
class AggregateLoading {

	/**
	 * Set on the mapping context as it is made; Spring Data reads the flag at each query.
	 */
	@Bean
	static BeanPostProcessor singleQueryLoading() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				if (bean instanceof RelationalMappingContext context) {
					context.setSingleQueryLoadingEnabled(true);
				}
				return bean;
			}

		};
	}

}
