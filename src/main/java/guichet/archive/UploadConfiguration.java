package guichet.archive;

import jakarta.servlet.MultipartConfigElement;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;

/**
 * Uploads, for the import page only: Spring Boot's own multipart support stays off
 * ({@code spring.servlet.multipart.enabled: false}), and this one is bounded by
 * {@code guichet.import.max-upload-size}, so that one setting, checked at start-up, says
 * how much anyone can make the web server write to its temporary folder.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class UploadConfiguration {

	@Bean
	MultipartConfigElement multipartConfigElement(ImportProperties properties) {
		long max = properties.maxUploadSize().toBytes();
		// parts up to 1 MB stay in memory; larger ones go to the container's temporary
		// folder
		return new MultipartConfigElement("", max, max, (int) Math.min(max, DataSize.ofMegabytes(1).toBytes()));
	}

	/** The name DispatcherServlet looks for. */
	@Bean
	StandardServletMultipartResolver multipartResolver() {
		return new StandardServletMultipartResolver();
	}

}
