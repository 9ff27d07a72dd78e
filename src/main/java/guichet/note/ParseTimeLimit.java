package guichet.note;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads documents on a few threads of their own, each within {@code parse-timeout}: a
 * document that takes longer is abandoned, and too many at once are refused, so that no
 * attachment can stop the intake (CONTRACT §5).
 */
final class ParseTimeLimit implements AutoCloseable {

	private final Duration parseTimeout;

	private final ThreadPoolExecutor executor;

	ParseTimeLimit(Duration parseTimeout) {
		this.parseTimeout = parseTimeout;
		this.executor = new ThreadPoolExecutor(4, 4, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(32),
				new DaemonThreads());
		this.executor.allowCoreThreadTimeOut(true);
	}

	/**
	 * Runs a parse on the bounded executor and gives up waiting after
	 * {@code parseTimeout}; the parse thread is interrupted, and if the parser ignores
	 * that, it is left to finish on its own while the route goes on.
	 */
	Extraction run(Callable<Extraction> parse) {
		Future<Extraction> future;
		try {
			future = this.executor.submit(parse);
		}
		catch (RejectedExecutionException ex) {
			return Extraction.unreadable("TIMEOUT: too many documents are still being read; try again later");
		}
		try {
			return future.get(this.parseTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			return Extraction
				.unreadable("TIMEOUT: reading the document took longer than " + this.parseTimeout.toSeconds() + "s");
		}
		catch (ExecutionException ex) {
			return Extraction.unreadable("CORRUPT: the file is damaged or incomplete and cannot be opened");
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			Thread.currentThread().interrupt();
			return Extraction.unreadable("TIMEOUT: reading was interrupted");
		}
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

	private static final class DaemonThreads implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable task) {
			var thread = new Thread(task, "note-reader-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}
