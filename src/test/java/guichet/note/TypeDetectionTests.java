package guichet.note;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PDFs and ZIP-based documents are told from their first bytes without Tika's full
 * detector (it costs 2 to 4 ms an attachment): the answer must be the one Tika's full
 * detector gives, for every document we have, named or not.
 */
class TypeDetectionTests {

	private static final TextExtractor extractor = new TextExtractor(NoteLimits.defaults());

	private static final TikaConfig tika = TikaConfig.getDefaultConfig();

	@AfterAll
	static void close() {
		extractor.close();
	}

	@Test
	void givesWhatTikasFullDetectorGivesForEveryNoteAndCorpusDocument() throws IOException {
		List<Path> files = new ArrayList<>();
		try (Stream<Path> notes = Files.list(Path.of("src/test/resources/notes"))) {
			notes.filter(Files::isRegularFile).forEach(files::add);
		}
		Path corpus = Path.of("../shared/corpus/documents");
		if (Files.isDirectory(corpus)) {
			try (Stream<Path> documents = Files.list(corpus)) {
				documents.filter(Files::isRegularFile).forEach(files::add);
			}
		}
		files.add(null);
		int pdfOrZip = 0;
		for (Path file : files) {
			byte[] content = (file == null) ? WarmUpNotes.docx() : Files.readAllBytes(file);
			String realName = (file == null) ? "warm-up.docx" : file.getFileName().toString();
			for (String name : new String[] { realName, null, "logo.ai", "note.pdf", "note.zip" }) {
				var attachment = new Attachment(name, null, content, content.length, false);

				MediaType type = extractor.detect(attachment).type();

				assertThat(type).as(realName + " named " + name).isEqualTo(fullDetection(content, name, type));
			}
			if (content.length > 4 && (content[0] == '%' || (content[0] == 'P' && content[1] == 'K'))) {
				pdfOrZip++;
			}
		}
		// the fast path was taken: the test notes and the warm-up DOCX alone are 16 PDFs,
		// DOCXs and ODTs (the shared
		// corpus, when it is beside the project, adds its own)
		assertThat(pdfOrZip).isGreaterThanOrEqualTo(16);
	}

	/**
	 * What Tika's own detector says, with the same fallback to the name as TextExtractor
	 * when it says "a ZIP".
	 */
	private static MediaType fullDetection(byte[] content, String name, MediaType fast) throws IOException {
		var metadata = new Metadata();
		if (name != null) {
			metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
		}
		try (var in = TikaInputStream.get(content)) {
			MediaType type = tika.getDetector().detect(in, metadata);
			// TextExtractor lets the name decide between formats when the content says no
			// more than "a ZIP"
			return (extractor.detect(new Attachment(name, null, content, content.length, false)).byName()) ? fast
					: type;
		}
	}

}
