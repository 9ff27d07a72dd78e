/**
 * Backups of the embedded database through COPY, by hand or on a schedule, and their
 * restore.
 */
package guichet.backup;
