/**
 * Importing archives (mbox, Maildir, .eml) through the intake: java -jar guichet.jar
 * import PATH….
 */
package guichet.archive;
