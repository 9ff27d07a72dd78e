/**
 * Signing in to mail servers with OAuth2 (XOAUTH2): tokens from Spring Security client
 * registrations, refresh tokens stored encrypted.
 */
package guichet.oauth2;
