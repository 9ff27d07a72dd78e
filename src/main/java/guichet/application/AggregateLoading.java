package guichet.application;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;

/**
 * Applications are read with their versions in one statement (Spring Data JDBC's single query loading) instead of
 * one statement per application for its versions: the committee's list of 350 applications took 340 ms that way,
 * about 1 ms an application (issue #7's benchmark, {@code listApplicationsMs}).
 */
@Configuration(proxyBeanMethods = false)
class AggregateLoading {

	/** Set on the mapping context as it is made, before the data access strategy that reads the flag is built. */
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
