/**
 * Every value taken from a message, bounded and cleaned in one place before it is
 * compared, stored or shown.
 */
package guichet.untrusted;
