package guichet.config;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Binds and checks every {@code guichet.*} setting before the database or a mail server
 * starts, so that a bad setting stops start-up at once, with its own message, rather than
 * after the embedded PostgreSQL has started or behind a connection error from an external
 * one.
 */
@Component
class SettingsFirst implements BeanFactoryPostProcessor {

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		String[] settings = Arrays.stream(beanFactory.getBeanNamesForAnnotation(ConfigurationProperties.class))
			.filter(name -> isGuichetSetting(beanFactory, name))
			.toArray(String[]::new);
		Set<String> servers = new LinkedHashSet<>();
		servers.addAll(Arrays.asList(beanFactory.getBeanNamesForType(DataSource.class, true, false)));
		servers
			.addAll(Arrays.asList(beanFactory.getBeanNamesForType(guichet.postgres.EmbeddedServer.class, true, false)));
		servers.addAll(Arrays.asList(beanFactory.getBeanNamesForType(EmbeddedMailServer.class, true, false)));
		for (String server : servers) {
			BeanDefinition definition = beanFactory.getBeanDefinition(server);
			Set<String> dependsOn = new LinkedHashSet<>(Arrays.asList(settings));
			if (definition.getDependsOn() != null) {
				dependsOn.addAll(Arrays.asList(definition.getDependsOn()));
			}
			definition.setDependsOn(dependsOn.toArray(String[]::new));
		}
	}

	private static boolean isGuichetSetting(ConfigurableListableBeanFactory beanFactory, String name) {
		Class<?> type = beanFactory.getType(name, false);
		return type != null && type.getName().startsWith("guichet.");
	}

}
