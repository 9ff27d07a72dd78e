/**
 * What every feature's settings share: validation annotations and the one message a bad
 * setting stops start-up with.
 */
package guichet.settings;
