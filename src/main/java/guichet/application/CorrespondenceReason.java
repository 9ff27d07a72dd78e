package guichet.application;

/**
 * Why a message is correspondence of an application rather than a version of it (rule 6,
 * issue #17); stored in {@code correspondence.reason}.
 */
public enum CorrespondenceReason {

	/** It answers Guichet's acknowledgement: a thank-you, a question. */
	REPLY_TO_GUICHET,
	/** A later message without a note, while the application has one. */
	NO_NOTE

}
