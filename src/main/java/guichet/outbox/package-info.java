/** Outgoing mail, stored first and sent exactly once, with retries. */
package guichet.outbox;
