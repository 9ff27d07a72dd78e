/**
 * Reading the mailboxes: one route per mailbox, the ledger of what was read,
 * after-processing and mailbox health.
 */
package guichet.intake;
