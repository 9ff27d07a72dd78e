package guichet.note;
@org.springframework.stereotype.Component
public class NoteReader { public NoteReading read(jakarta.mail.internet.MimeMessage m) { try { Object c = m.getContent(); String t = c instanceof String s ? s : ""; return new NoteReading(null, "", t, java.util.List.of(), null, false, java.util.List.of()); } catch (Exception e) { return new NoteReading(null, "", "", java.util.List.of(), null, false, java.util.List.of()); } } }
