package guichet.language;
public enum Language { FR, EN, UNKNOWN; public String code() { return name().toLowerCase(); } }
