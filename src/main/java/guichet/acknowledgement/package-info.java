/**
 * Acknowledges each new application once, in the note's language, naming what the
 * committee will see (CONTRACT §4).
 */
package guichet.acknowledgement;
