package guichet.note;
public enum NoteSource { ATTACHMENT, BODY }
