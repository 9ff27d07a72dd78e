/**
 * Finding the note among a message's parts and reading it (Tika, PDFBox): text, pages,
 * problems, countries.
 */
package guichet.note;
