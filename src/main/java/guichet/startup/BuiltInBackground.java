package guichet.startup;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Something slow to build that no poll needs at once: Lingua's language models, Tika's
 * parsers. It is built on a thread of its own, started at once, while the rest of Guichet
 * starts (database, web server, routes), so that start-up to the first poll does not wait
 * for it (issue #7). Whoever needs it first waits for it; a failure to build it is thrown
 * to each user.
 */
public final class BuiltInBackground<T> {

	private static final Logger log = LoggerFactory.getLogger(BuiltInBackground.class);

	private final String name;

	private final CompletableFuture<T> value = new CompletableFuture<>();

	public BuiltInBackground(String name, Supplier<T> build) {
		this.name = name;
		Thread thread = new Thread(() -> {
			long started = System.nanoTime();
			try {
				this.value.complete(build.get());
				log.info("{} ready in {} ms", name, (System.nanoTime() - started) / 1_000_000);
			}
			catch (Throwable ex) {
				log.error("{} could not be built", name, ex);
				this.value.completeExceptionally(ex);
			}
		}, "build-" + name.replace(' ', '-'));
		thread.setDaemon(true);
		thread.start();
	}

	/** What was built, once it is: waits for it the first time. */
	public T get() {
		try {
			return this.value.join();
		}
		catch (CompletionException ex) {
			throw new BuildFailedException(this.name + " could not be built", ex.getCause());
		}
	}

	/**
	 * Runs this on what was built, once it is, without waiting for it (closing it at
	 * shutdown); never if it failed.
	 */
	public void whenBuilt(Consumer<T> action) {
		this.value.thenAccept(action);
	}

	/**
	 * Guichet itself lacks a part it needs (the language models, the parsers): not the
	 * fault of the message being read, so the intake does not count it against the
	 * message (IntakeFailures), and start-up fails.
	 */
	public static final class BuildFailedException extends IllegalStateException {

		BuildFailedException(String message, Throwable cause) {
			super(message, cause);
		}

		/** The one among the causes of {@code failure}, if there is one. */
		public static Optional<BuildFailedException> among(Throwable failure) {
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				if (cause instanceof BuildFailedException buildFailed) {
					return Optional.of(buildFailed);
				}
			}
			return Optional.empty();
		}

	}

}
