package guichet.note;

/**
 * The descriptive note the committee reads, as the API shows it (CONTRACT §3).
 *
 * @param filename the attachment's decoded file name; {@code null} for a note in the body
 * @param mediaType the type Tika detected from the content, such as
 * {@code application/pdf}
 * @param pageCount pages of the document, {@code null} when the format has no pages or
 * they cannot be counted
 * @param source whether the note is an attachment or the email's body
 * @param textLength characters of extracted text
 */
public record Note(String filename, String mediaType, Integer pageCount, NoteSource source, int textLength) {

}
