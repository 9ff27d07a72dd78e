package guichet.note;

/**
 * Where the descriptive note was found: an attached document, or the email's own text
 * when nothing is attached.
 */
public enum NoteSource {

	ATTACHMENT, BODY

}
