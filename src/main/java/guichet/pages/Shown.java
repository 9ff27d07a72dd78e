package guichet.pages;

import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Applicant text as the pages show it ({@code ${@shown.text(subject)}}): the templates
 * escape it, and this makes the invisible characters that change the direction of text
 * visible, so that "note\u202Efdp.exe" cannot pass for a PDF ("note[U+202E]fdp.exe" is
 * shown instead).
 */
@Component("shown")
public class Shown {

	private static final Pattern DIRECTION = Pattern.compile("[\\u200E\\u200F\\u061C\\u202A-\\u202E\\u2066-\\u2069]");

	public String text(String text) {
		if (text == null) {
			return null;
		}
		return DIRECTION.matcher(text).replaceAll(match -> String.format("[U+%04X]", (int) match.group().charAt(0)));
	}

}
