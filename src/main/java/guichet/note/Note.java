package guichet.note;
public record Note(String filename, String mediaType, Integer pageCount, NoteSource source, int textLength) {}
