/** French, English or another language, detected from the note with Lingua. */
package guichet.language;
