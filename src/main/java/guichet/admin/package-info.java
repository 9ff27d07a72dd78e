/**
 * The admins' pages: mailboxes, quarantine, ignored mail, outbox, and the actions that go
 * with them.
 */
package guichet.admin;
