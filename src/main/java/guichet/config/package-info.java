/**
 * Wiring of the whole: embedded PostgreSQL and mail server, security, the start-up report
 * and the order in which settings and servers start.
 */
package guichet.config;
