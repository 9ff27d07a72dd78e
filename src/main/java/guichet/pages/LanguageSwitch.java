package guichet.pages;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The link of the header's language switch: the same page with the same parameters (a
 * list's filters, search and order), in the other language. Only the query is written, so
 * that the link stays on the page the browser shows and never names another host.
 */
@ControllerAdvice
class LanguageSwitch {

	@ModelAttribute("languageSwitch")
	String languageSwitch(HttpServletRequest request, Locale locale) {
		String other = "fr".equals(PagesConfiguration.supported(locale).getLanguage()) ? "en" : "fr";
		return other(request.getQueryString(), other);
	}

	/** The query, already encoded as the browser sent it, with {@code lang} replaced. */
	static String other(String query, String language) {
		return UriComponentsBuilder.newInstance()
			.query(query)
			.replaceQueryParam("lang", language)
			.build()
			.toUriString();
	}

}
