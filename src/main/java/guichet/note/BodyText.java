package guichet.note;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * What the applicant wrote in the email itself, without what they quoted or signed: when
 * no document is attached, the call accepts a body that has the substance of a note, and
 * only the applicant's own words count towards it.
 */
final class BodyText {

	/**
	 * "On Tue, 17 Dec 2019, Ana wrote:" or "Le mar. 17 déc. 2019 à 10:02, Ana a écrit :",
	 * possibly wrapped on two lines.
	 */
	private static final Pattern REPLY_HEADER = Pattern
		.compile("(?m)^[ \\t]*(?:On|Le)\\s[^\\n]{0,300}?(?:\\n[^\\n]{0,300}?)?\\s(?:wrote|a\\s+[ée]crit)\\s*:[ \\t]*$");

	/**
	 * Outlook quotes the previous message below a separator line instead of "> "
	 * prefixes.
	 */
	private static final Pattern QUOTED_MESSAGE = Pattern.compile(
			"(?m)^[ \\t]*-{2,}\\s*(?:Original Message|Message d'origine|Message original)\\s*-{2,}[ \\t]*$",
			Pattern.CASE_INSENSITIVE);

	/** The signature separator "-- " (often sent without its trailing space). */
	private static final Pattern SIGNATURE = Pattern.compile("(?m)^--[ \\t]?$");

	private static final Pattern QUOTED_LINE = Pattern.compile("(?m)^[ \\t]*>.*(?:\\n|$)");

	private static final Pattern BLANK_LINES = Pattern.compile("\\n[ \\t]*\\n(?:[ \\t]*\\n)+");

	private static final Set<String> BLOCKS = Set.of("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
			"blockquote", "pre", "table", "ul", "ol", "section", "article", "header", "footer");

	private BodyText() {
	}

	/**
	 * The applicant's own words: quoted lines, the quoted message below a reply header,
	 * and the signature removed.
	 */
	static String ownWords(String body) {
		if (body == null) {
			return "";
		}
		String text = body.replace("\r\n", "\n").replace('\r', '\n');
		text = cutAtFirst(text, REPLY_HEADER);
		text = cutAtFirst(text, QUOTED_MESSAGE);
		text = cutAtFirst(text, SIGNATURE);
		text = QUOTED_LINE.matcher(text).replaceAll("");
		text = BLANK_LINES.matcher(text).replaceAll("\n\n");
		return text.strip();
	}

	/**
	 * The text of an HTML body, one line per block, without the quoted messages that mail
	 * clients put in blockquotes.
	 */
	static String fromHtml(String html) {
		var document = Jsoup.parse(html);
		document
			.select("blockquote, .gmail_quote, .moz-cite-prefix, #divRplyFwdMsg, #appendonsend, script, style, head")
			.remove();
		var text = new StringBuilder();
		document.body().traverse(new NodeVisitor() {

			@Override
			public void head(Node node, int depth) {
				if (node instanceof TextNode textNode) {
					text.append(textNode.getWholeText().replaceAll("\\s+", " "));
				}
				else if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
					text.append('\n');
				}
			}

			@Override
			public void tail(Node node, int depth) {
				if (node instanceof Element element && BLOCKS.contains(element.normalName())
						&& !"br".equals(element.normalName())) {
					text.append('\n');
				}
			}

		});
		return text.toString().replaceAll("(?m)^[ \\t]+|[ \\t]+$", "");
	}

	private static String cutAtFirst(String text, Pattern pattern) {
		Matcher matcher = pattern.matcher(text);
		return matcher.find() ? text.substring(0, matcher.start()) : text;
	}

}
