/**
 * Metrics whose truth is the database: messages, outbox mails and applications, counted
 * for /actuator/prometheus.
 */
package guichet.metrics;
