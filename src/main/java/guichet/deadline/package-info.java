/** The call's deadlines per language, read in the call's time zone (CONTRACT §2). */
package guichet.deadline;
