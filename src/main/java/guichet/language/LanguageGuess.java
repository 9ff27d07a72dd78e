package guichet.language;
public record LanguageGuess(Language language, String detected, double confidence) {}
