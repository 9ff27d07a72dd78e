/**
 * What every page shares: language from the browser or the switch, times in the call's
 * zone, who is signed in.
 */
package guichet.pages;
