/**
 * The committee's digest: what is new since the last one, and the totals, sent once per
 * period.
 */
package guichet.digest;
