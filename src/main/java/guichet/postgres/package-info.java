/**
 * The embedded PostgreSQL run for real: durable, owned by one Guichet, recovered after a
 * crash, watched (issue #18).
 */
package guichet.postgres;
