package guichet.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import guichet.config.EmbeddedProperties;
import guichet.deadline.CallProperties;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

/**
 * The unattended backups of the embedded database ({@code guichet.embedded.backup.*}): on
 * the cron, read in the call's timezone, a backup into the backup folder, named by its
 * time in UTC; then only the last {@code keep} of them stay. On a thread of its own, so
 * that a long backup delays no other scheduled work. A failure is logged and the next run
 * tries again. With an external PostgreSQL, its operator's tools do this job.
 */
@Component
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class ScheduledBackups implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ScheduledBackups.class);

	static final String PREFIX = "guichet-backup-";

	static final String SUFFIX = ".zip";

	private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private final DataSource dataSource;

	private final EmbeddedProperties.Backup settings;

	private final CallProperties call;

	private final Clock clock;

	private ThreadPoolTaskScheduler scheduler;

	@Autowired
	ScheduledBackups(DataSource dataSource, EmbeddedProperties embedded, CallProperties call) {
		this(dataSource, embedded.backup(), call, Clock.systemUTC());
	}

	ScheduledBackups(DataSource dataSource, EmbeddedProperties.Backup settings, CallProperties call, Clock clock) {
		this.dataSource = dataSource;
		this.settings = settings;
		this.call = call;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void schedule() {
		if (!this.settings.scheduled()) {
			log.info("Scheduled backups are off (guichet.embedded.backup.cron = -)");
			return;
		}
		this.scheduler = new ThreadPoolTaskScheduler();
		this.scheduler.setThreadNamePrefix("backup-");
		this.scheduler.setPoolSize(1);
		this.scheduler.initialize();
		this.scheduler.schedule(this::backUpLogged, new CronTrigger(this.settings.cron(), this.call.timezone()));
		log.info("Backups of the embedded database: on \"{}\" ({}) into {}, the last {} kept", this.settings.cron(),
				this.call.timezone(), directory(), this.settings.keep());
	}

	private void backUpLogged() {
		try {
			backUp();
		}
		catch (RuntimeException ex) {
			log.error("Scheduled backup failed (the next one will try again): {}", ex.getMessage(), ex);
		}
	}

	/**
	 * One backup now, then the oldest beyond {@code keep} deleted; returns the new file.
	 */
	public Path backUp() {
		Path file = directory().resolve(PREFIX + NAME.format(this.clock.instant()) + SUFFIX);
		long started = System.nanoTime();
		Backups.Contents contents = Backups.write(this.dataSource, file);
		List<Path> deleted = prune();
		log.info("Backup written to {} in {} ms: {}{}", file, (System.nanoTime() - started) / 1_000_000, contents,
				deleted.isEmpty() ? "" : "; deleted the older " + deleted.stream().map(Path::getFileName).toList());
		return file;
	}

	/**
	 * The last {@code keep} backups stay; only files this class names are ever deleted.
	 */
	private List<Path> prune() {
		try (Stream<Path> files = Files.list(directory())) {
			List<Path> backups = files.filter(path -> {
				String name = path.getFileName().toString();
				return name.startsWith(PREFIX) && name.endsWith(SUFFIX) && Files.isRegularFile(path);
			}).sorted().toList();
			List<Path> old = backups.subList(0, Math.max(0, backups.size() - this.settings.keep()));
			for (Path path : old) {
				Files.deleteIfExists(path);
			}
			return old;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete old backups in " + directory() + ": " + ex.getMessage(),
					ex);
		}
	}

	private Path directory() {
		return this.settings.directory().toAbsolutePath().normalize();
	}

	@Override
	public void destroy() {
		if (this.scheduler != null) {
			this.scheduler.shutdown();
		}
	}

}
