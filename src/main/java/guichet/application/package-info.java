/**
 * The application and its versions: filing a received message (merging copies, judging
 * the note, the deadline and the flags) under the database's constraints.
 */
package guichet.application;
