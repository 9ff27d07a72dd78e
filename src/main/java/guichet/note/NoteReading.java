package guichet.note;
import java.util.List;
public record NoteReading(Note note, String text, String languageText, List<String> otherAttachments, String unreadableReason, boolean tooLong, List<String> countries) {
 public boolean hasNote() { return note != null; } public boolean isOutsideEligibleCountries() { return false; } }
