package guichet.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockMultipartFile;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the import page keeps of an upload: files under their own cleaned names (which
 * make their mailbox), zips unpacked within bounds, for their uploader only and once.
 */
class UploadsTests {

	static final byte[] MESSAGE = """
			Received: from mx.example.org by mail.committee.example; Mon, 2 Dec 2019 09:00:00 +0000
			From: ana@example.org
			Subject: Application

			Our note.
			""".getBytes(StandardCharsets.US_ASCII);

	final Uploads uploads = new Uploads(new ImportProperties(DataSize.ofKilobytes(64)));

	@AfterEach
	void discard() {
		this.uploads.discardAll();
	}

	@Test
	void aZipOfAMaildirIsUnpackedIntoAFolderOfItsNameAndReadAsAMaildir() throws IOException {
		byte[] zip = zip(Map.of("Maildir/cur/1575277200.M1P1.mail:2,S", MESSAGE, "Maildir/new/1575277201.M2P1.mail",
				MESSAGE, "Maildir/dovecot-uidlist", "3 V1575277200 N3\n".getBytes(StandardCharsets.US_ASCII)));

		Uploads.Upload upload = this.uploads.keep(List.of(file("alice.zip", zip)), false, "admin");

		assertThat(upload.archives()).containsExactly(upload.folder().resolve("alice.zip"));
		assertThat(Importer.sourceName(upload.archives().get(0))).isEqualTo("alice.zip");
		List<String> found = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		ArchiveReader.read(upload.archives().get(0), new ArchiveReader.Visitor() {
			@Override
			public void found(ArchiveReader.Found message) {
				found.add(upload.folder().relativize(message.file()).toString());
			}

			@Override
			public void problem(ArchiveReader.Problem problem) {
				problems.add(problem.shownFrom(upload.folder()));
			}
		});
		assertThat(found).containsExactly("alice.zip/Maildir/new/1575277201.M2P1.mail",
				"alice.zip/Maildir/cur/1575277200.M1P1.mail:2,S");
		assertThat(problems).isEmpty();
	}

	@Test
	void aZipEntryOutsideItsFolderIsRefusedAndNothingIsKept() throws IOException {
		byte[] zip = zip(Map.of("../../evil.eml", MESSAGE));

		assertThatThrownBy(() -> this.uploads.keep(List.of(file("archive.zip", zip)), false, "admin"))
			.isInstanceOf(Uploads.UploadException.class)
			.hasMessage("archive.zip names a file outside itself (../../evil.eml): not unpacked");
	}

	@Test
	void aZipThatUnpacksToMoreThanTenTimesTheLimitIsRefused() throws IOException {
		byte[] zip = zip(Map.of("big.eml", new byte[700 * 1024]));
		assertThat(zip.length).isLessThan(64 * 1024);

		assertThatThrownBy(() -> this.uploads.keep(List.of(file("bomb.zip", zip)), false, "admin"))
			.isInstanceOf(Uploads.UploadException.class)
			.hasMessageContaining("bomb.zip unpacks to more than 10 times guichet.import.max-upload-size (65536B)");
	}

	@Test
	void aFileNamedZipThatIsNotOneSaysSo() {
		assertThatThrownBy(() -> this.uploads.keep(List.of(file("notes.zip", MESSAGE)), false, "admin"))
			.isInstanceOf(Uploads.UploadException.class)
			.hasMessage("notes.zip is not a zip file, or an empty one");
	}

	@Test
	void aFileKeepsOnlyTheLastPartOfItsNameInPlainCharacters() {
		assertThat(Uploads.cleanName("C:\\Users\\odile\\Boîte de réception.mbox")).isEqualTo("Boîte_de_réception.mbox");
		assertThat(Uploads.cleanName("../../etc/passwd")).isEqualTo("passwd");
		assertThat(Uploads.cleanName("..")).isEqualTo("upload");
		assertThat(Uploads.cleanName(null)).isEqualTo("upload");
	}

	@Test
	void twoFilesOfTheSameNameAreBothKept() throws IOException {
		Uploads.Upload upload = this.uploads.keep(
				List.of(file("a.eml", MESSAGE), file("A.eml", MESSAGE), file("empty.eml", new byte[0])), false,
				"admin");

		assertThat(upload.archives()).extracting(path -> path.getFileName().toString())
			.containsExactly("a.eml", "2-A.eml");
		assertThat(Files.readAllBytes(upload.archives().get(1))).isEqualTo(MESSAGE);
	}

	@Test
	void onlyItsUploaderTakesAnUploadAndOnlyOnce() {
		Uploads.Upload upload = this.uploads.keep(List.of(file("a.eml", MESSAGE)), true, "odile");

		assertThat(this.uploads.take(upload.id(), "someone-else")).isEmpty();
		assertThat(this.uploads.take(upload.id(), "odile")).contains(upload);
		assertThat(this.uploads.take(upload.id(), "odile")).isEmpty();
		this.uploads.discard(upload);
		assertThat(upload.folder()).doesNotExist();
	}

	@Test
	void anUploadWithoutFilesSaysSo() {
		assertThatThrownBy(() -> this.uploads.keep(List.of(file("empty.mbox", new byte[0])), false, "admin"))
			.isInstanceOf(Uploads.UploadException.class)
			.hasMessage("No file was chosen, or every file chosen is empty.");
	}

	private static MockMultipartFile file(String name, byte[] content) {
		return new MockMultipartFile("archives", name, "application/octet-stream", content);
	}

	private static byte[] zip(Map<String, byte[]> entries) throws IOException {
		var bytes = new ByteArrayOutputStream();
		try (var zip = new ZipOutputStream(bytes)) {
			for (var entry : new java.util.TreeMap<>(entries).entrySet()) {
				zip.putNextEntry(new ZipEntry(entry.getKey()));
				zip.write(entry.getValue());
				zip.closeEntry();
			}
		}
		return bytes.toByteArray();
	}

}
