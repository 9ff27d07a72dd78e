/**
 * Signing in to the pages: the sign-in page, and the pause after repeated failures (form
 * and API alike).
 */
package guichet.signin;
