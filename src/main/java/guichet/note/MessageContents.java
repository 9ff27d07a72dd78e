package guichet.note;

import java.util.List;

/**
 * The parts of a message that may hold the note: its files, and its body as plain text
 * and as HTML.
 *
 * @param attachments files, including those of forwarded messages, in the order they
 * appear
 * @param plainBody the text/plain bodies, the message's own first; "" when none
 * @param htmlBody the text/html bodies, likewise
 * @param tooManyParts whether the message has more than {@link NoteFinder#MAX_PARTS}
 * parts, of which only the first were read
 */
record MessageContents(List<Attachment> attachments, String plainBody, String htmlBody, boolean tooManyParts) {

}
