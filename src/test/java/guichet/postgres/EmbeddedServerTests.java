package guichet.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue #18 on real servers: the embedded PostgreSQL is durable unless told otherwise,
 * one process owns a data folder, a server left running by a dead Guichet is stopped at
 * the next start, and the watchdog stops the server of a Guichet killed with SIGKILL.
 * Dying processes are child JVMs ({@link ChildServer}).
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedServerTests {

	@TempDir
	Path data;

	final List<Process> children = new ArrayList<>();

	final List<EmbeddedServer> servers = new ArrayList<>();

	@AfterEach
	void stop() {
		this.servers.forEach(EmbeddedServer::close);
		this.children.forEach(Process::destroyForcibly);
		// whatever a test left running on its folder (a failed test's orphan), so that no
		// server outlives the build
		Postmaster.of(this.data.resolve("postgres")).filter(Postmaster::isRunning).ifPresent(Postmaster::stop);
	}

	@Test
	void runsWithFsyncSynchronousCommitAndFullPageWritesOnByDefault() throws Exception {
		var server = started(this.data, true);

		assertThat(setting(server, "fsync")).isEqualTo("on");
		assertThat(setting(server, "synchronous_commit")).isEqualTo("on");
		assertThat(setting(server, "full_page_writes")).isEqualTo("on");
	}

	@Test
	void turnsFsyncAndSynchronousCommitOffWhenNotDurable() throws Exception {
		var server = started(this.data, false);

		assertThat(setting(server, "fsync")).isEqualTo("off");
		assertThat(setting(server, "synchronous_commit")).isEqualTo("off");
	}

	@Test
	void refusesAFolderThatALiveGuichetOwnsNamingThatProcess() throws Exception {
		Process other = child("guichet");

		assertThatThrownBy(() -> started(this.data, false)).isInstanceOf(DataFolderInUseException.class)
			.hasMessageContaining("in use by Guichet process " + other.pid())
			.hasMessageContaining("which is still running")
			.satisfies(ex -> assertThat(((DataFolderInUseException) ex).owner()).isEqualTo(other.pid()));
		assertThat(Postmaster.of(this.data.resolve("postgres")).orElseThrow().isRunning()).isTrue();
	}

	@Test
	void stopsTheServerThatADeadGuichetLeftRunningAndSaysSoInOneLine(CapturedOutput output) throws Exception {
		Process older = child("orphan");
		Postmaster orphan = Postmaster.of(this.data.resolve("postgres")).orElseThrow();
		older.destroyForcibly().waitFor();
		assertThat(orphan.isRunning()).as("a plain zonky server outlives its JVM").isTrue();

		var server = started(this.data, false);

		assertThat(orphan.isRunning()).isFalse();
		assertThat(setting(server, "fsync")).isEqualTo("off");
		assertThat(output.getOut().lines().filter(line -> line.contains("Crash recovery"))).singleElement()
			.asString()
			.contains("left its embedded PostgreSQL (process " + orphan.pid() + ") running",
					"stopped it (fast shutdown in");
	}

	@Test
	void theWatchdogStopsTheServerOfAGuichetKilledWithSigkill(CapturedOutput output) throws Exception {
		assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "the watchdog is a shell script");
		Process guichet = child("guichet");
		Postmaster postmaster = Postmaster.of(this.data.resolve("postgres")).orElseThrow();
		ProcessHandle process = ProcessHandle.of(postmaster.pid()).orElseThrow();

		long killed = System.nanoTime();
		guichet.destroyForcibly();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> !process.isAlive());
		long outlived = (System.nanoTime() - killed) / 1_000_000;

		System.out.println("the embedded PostgreSQL outlived its killed Guichet by " + outlived + " ms");
		// the watchdog writes its last line once it has seen the server end, a moment
		// after this test
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(Files.readString(this.data.resolve(Watchdog.LOG_NAME)))
				.contains("Guichet is gone: fast shutdown", "PostgreSQL (process " + postmaster.pid() + ") stopped"));
		started(this.data, false);
		assertThat(output.getOut()).contains("Crash recovery: Guichet process " + guichet.pid()
				+ " ended without closing (killed?); its watchdog had already stopped the embedded PostgreSQL");
	}

	@Test
	void aCleanCloseLeavesNothingRunningAndNothingToRecover(CapturedOutput output) throws Exception {
		var first = EmbeddedServer.start(this.data, false);
		long pid = first.pid();
		first.close();

		started(this.data, false);

		assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
		assertThat(output.getOut()).doesNotContain("Crash recovery");
	}

	private EmbeddedServer started(Path folder, boolean durable) {
		var server = EmbeddedServer.start(folder, durable);
		this.servers.add(server);
		return server;
	}

	private Process child(String mode) throws Exception {
		Process process = ChildServer.start(mode, this.data);
		this.children.add(process);
		return process;
	}

	private static String setting(EmbeddedServer server, String name) throws Exception {
		try (Connection connection = DriverManager.getConnection(server.jdbcUrl());
				Statement statement = connection.createStatement();
				ResultSet value = statement.executeQuery("show " + name)) {
			value.next();
			return value.getString(1);
		}
	}

}
