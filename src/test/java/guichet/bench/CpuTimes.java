package guichet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU seconds (user + system) used by the processes of a run, from /proc: Guichet, the
 * benchmark's own JVM (GreenMail serving IMAP and SMTP, and its checks) and PostgreSQL
 * (the postmaster it started and its backends). It tells where the two cores went, which
 * a throughput figure alone does not.
 */
record CpuTimes(double guichet, double mailServer, double postgres) {

	private static final double TICKS_PER_SECOND = 100.0;

	static CpuTimes now(long guichetPid, long postmasterPid) {
		return new CpuTimes(seconds(guichetPid), seconds(ProcessHandle.current().pid()),
				postgresSeconds(postmasterPid));
	}

	CpuTimes minus(CpuTimes before) {
		return new CpuTimes(this.guichet - before.guichet, this.mailServer - before.mailServer,
				this.postgres - before.postgres);
	}

	double total() {
		return this.guichet + this.mailServer + this.postgres;
	}

	/**
	 * The benchmark's own PostgreSQL: its postmaster (from postmaster.pid) and the
	 * postmaster's children (the backends), with what they reaped; not the databases of
	 * other builds on the machine.
	 */
	private static double postgresSeconds(long postmasterPid) {
		java.util.Map<Long, String[]> processes = new java.util.HashMap<>();
		try (Stream<Path> all = Files.list(Path.of("/proc"))) {
			all.filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(path -> {
				String[] stat = stat(path.resolve("stat"));
				if (stat != null && stat[0].equals("postgres")) {
					processes.put(Long.parseLong(path.getFileName().toString()), stat);
				}
			});
		}
		catch (IOException ex) {
			return Double.NaN;
		}
		java.util.Set<Long> postmasters = java.util.Set.of(postmasterPid);
		return processes.entrySet()
			.stream()
			.filter(entry -> postmasters.contains(entry.getKey())
					|| postmasters.contains(Long.parseLong(entry.getValue()[2])))
			.mapToDouble(entry -> (Long.parseLong(entry.getValue()[12]) + Long.parseLong(entry.getValue()[13])
					+ Long.parseLong(entry.getValue()[14]) + Long.parseLong(entry.getValue()[15])) / TICKS_PER_SECOND)
			.sum();
	}

	/**
	 * CPU seconds of each thread of a process, grouped by name without digits (GC,
	 * compiler and pool threads add up), highest first: where inside the process the time
	 * went.
	 */
	static java.util.Map<String, Double> byThread(long pid) {
		var totals = new java.util.TreeMap<String, Double>();
		try (Stream<Path> threads = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
			threads.forEach(thread -> {
				String[] stat = stat(thread.resolve("stat"));
				if (stat != null) {
					totals.merge(stat[0].replaceAll("\\d+", "#"),
							(Long.parseLong(stat[12]) + Long.parseLong(stat[13])) / TICKS_PER_SECOND, Double::sum);
				}
			});
		}
		catch (IOException ex) {
			return java.util.Map.of();
		}
		var sorted = new java.util.LinkedHashMap<String, Double>();
		totals.entrySet()
			.stream()
			.sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed())
			.forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
		return sorted;
	}

	private static double seconds(long pid) {
		String[] stat = stat(Path.of("/proc", String.valueOf(pid), "stat"));
		return stat == null ? Double.NaN : (Long.parseLong(stat[12]) + Long.parseLong(stat[13])) / TICKS_PER_SECOND;
	}

	/**
	 * [0] the command, [2] the parent's pid, [12] utime, [13] stime, [14] cutime, [15]
	 * cstime.
	 */
	private static String[] stat(Path file) {
		try {
			String line = Files.readString(file);
			int open = line.indexOf('(');
			int close = line.lastIndexOf(')');
			String[] rest = line.substring(close + 2).split(" ");
			String[] fields = new String[rest.length + 1];
			fields[0] = line.substring(open + 1, close);
			System.arraycopy(rest, 0, fields, 1, rest.length);
			return fields;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

}
