/**
 * Importing archives (mbox, Maildir, .eml) through the intake: java -jar guichet.jar
 * import PATH… (guichet.command), and the admin page that imports an upload.
 */
package guichet.archive;
