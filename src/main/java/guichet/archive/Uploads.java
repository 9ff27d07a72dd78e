package guichet.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import jakarta.annotation.PreDestroy;

import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.multipart.MultipartFile;

/**
 * Archives uploaded on the import page, kept in a temporary folder between the upload and
 * the admin's confirmation (an hour at most, and never past a restart). Each file keeps
 * its name, cleaned, because that name makes its mailbox ({@code import:<name>}), so that
 * the same file uploaded again lands in the same mailbox and adds nothing. A zip (of a
 * Maildir, or of mbox and .eml files) is unpacked into a folder of the zip's name, within
 * the bounds of {@link ImportProperties}: no entry outside the folder, no more than
 * {@link ImportProperties#UNPACKED_RATIO} times the upload limit, no more than
 * {@value #MAX_ENTRIES} entries.
 */
@Component
class Uploads {

	static final int MAX_ENTRIES = 200_000;

	private static final Duration KEPT = Duration.ofHours(1);

	private final ImportProperties properties;

	private final Map<UUID, Upload> pending = new ConcurrentHashMap<>();

	Uploads(ImportProperties properties) {
		this.properties = properties;
	}

	/**
	 * An upload waiting for confirmation: its files and folders in {@code folder},
	 * whether to acknowledge, and who uploaded it (only they may confirm it).
	 */
	record Upload(UUID id, Path folder, List<Path> archives, boolean acknowledge, String owner, Instant at) {
	}

	/** An upload that cannot be kept: its message says why, for the page. */
	static class UploadException extends RuntimeException {

		UploadException(String message) {
			super(message);
		}

	}

	Upload keep(List<MultipartFile> files, boolean acknowledge, String owner) {
		forgetExpired();
		List<MultipartFile> given = files.stream().filter(file -> !file.isEmpty()).toList();
		if (given.isEmpty()) {
			throw new UploadException("No file was chosen, or every file chosen is empty.");
		}
		Path folder;
		try {
			folder = Files.createTempDirectory("guichet-import-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			List<Path> archives = new ArrayList<>();
			Set<String> names = new HashSet<>();
			for (MultipartFile file : given) {
				String name = unique(cleanName(file.getOriginalFilename()), names);
				Path target = folder.resolve(name);
				if (name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
					unzip(file, target);
				}
				else {
					file.transferTo(target);
				}
				archives.add(target);
			}
			Upload upload = new Upload(UUID.randomUUID(), folder, List.copyOf(archives), acknowledge, owner,
					Instant.now());
			this.pending.put(upload.id(), upload);
			return upload;
		}
		catch (IOException | RuntimeException ex) {
			FileSystemUtils.deleteRecursively(folder.toFile());
			if (ex instanceof UploadException upload) {
				throw upload;
			}
			throw new UploadException("The upload could not be kept: " + ex.getMessage());
		}
	}

	/** The upload, once: it is no longer pending, and its owner imports it. */
	Optional<Upload> take(UUID id, String owner) {
		Upload upload = this.pending.get(id);
		if (upload == null || !upload.owner().equals(owner) || !this.pending.remove(id, upload)) {
			return Optional.empty();
		}
		return Optional.of(upload);
	}

	void discard(Upload upload) {
		this.pending.remove(upload.id(), upload);
		FileSystemUtils.deleteRecursively(upload.folder().toFile());
	}

	@PreDestroy
	void discardAll() {
		List.copyOf(this.pending.values()).forEach(this::discard);
	}

	private void forgetExpired() {
		Instant limit = Instant.now().minus(KEPT);
		List.copyOf(this.pending.values())
			.stream()
			.filter(upload -> upload.at().isBefore(limit))
			.forEach(this::discard);
	}

	/**
	 * The last part of the name a browser sent (some send a whole Windows path), in
	 * letters, digits and {@code ._@+-}, at most 100 characters: it becomes a file name
	 * and a mailbox name.
	 */
	static String cleanName(String original) {
		String name = original == null ? "" : original;
		name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
		name = name.replaceAll("[^\\p{L}\\p{N}._@+-]", "_");
		if (name.length() > 100) {
			name = name.substring(name.length() - 100);
		}
		return name.isEmpty() || name.chars().allMatch(c -> c == '.') ? "upload" : name;
	}

	private static String unique(String name, Set<String> taken) {
		String candidate = name;
		for (int i = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); i++) {
			candidate = i + "-" + name;
		}
		return candidate;
	}

	private void unzip(MultipartFile file, Path target) throws IOException {
		String name = target.getFileName().toString();
		Files.createDirectory(target);
		long budget = this.properties.maxUnpackedBytes();
		int entries = 0;
		try (ZipInputStream zip = new ZipInputStream(file.getInputStream())) {
			for (ZipEntry entry; (entry = zip.getNextEntry()) != null;) {
				if (++entries > MAX_ENTRIES) {
					throw new UploadException(name + " holds more than " + MAX_ENTRIES
							+ " entries: import it with java -jar guichet.jar import");
				}
				Path path = target.resolve(entry.getName()).normalize();
				if (path.equals(target)) {
					continue;
				}
				if (!path.startsWith(target)) {
					throw new UploadException(
							name + " names a file outside itself (" + entry.getName() + "): not unpacked");
				}
				if (entry.isDirectory()) {
					Files.createDirectories(path);
					continue;
				}
				Files.createDirectories(path.getParent());
				budget -= copy(zip, path, budget, name);
			}
			if (entries == 0) {
				throw new UploadException(name + " is not a zip file, or an empty one");
			}
		}
		catch (java.util.zip.ZipException ex) {
			throw new UploadException(name + " is not a zip file that can be read: " + ex.getMessage());
		}
	}

	private long copy(InputStream in, Path path, long budget, String zipName) throws IOException {
		long written = 0;
		byte[] buffer = new byte[1 << 16];
		try (OutputStream out = Files.newOutputStream(path)) {
			for (int read; (read = in.read(buffer)) != -1;) {
				written += read;
				if (written > budget) {
					throw new UploadException(zipName + " unpacks to more than " + ImportProperties.UNPACKED_RATIO
							+ " times guichet.import.max-upload-size (" + this.properties.maxUploadSize()
							+ "): not unpacked");
				}
				out.write(buffer, 0, read);
			}
		}
		return written;
	}

}
