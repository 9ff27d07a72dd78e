/**
 * What makes two messages the same submission (Message-ID, subject key, fingerprint) and
 * which mail is no application at all.
 */
package guichet.dedup;
