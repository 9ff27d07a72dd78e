package guichet.note;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parts of a document that cannot add to its text (thumbnails, photos) are not read:
 * the note's text is the one Tika gives, without the cost (issue #7).
 */
class TextBearingPartsTests {

	private static final TextExtractor extractor = new TextExtractor(NoteLimits.defaults());

	private static final AutoDetectParser tika = new AutoDetectParser(TikaConfig.getDefaultConfig());

	@AfterAll
	static void close() {
		extractor.close();
	}

	@Test
	void aThumbnailIsNotReadEvenWhenItIsADocument() throws Exception {
		// OpenOffice 2 saved a PDF thumbnail of the first page beside the PNG one (see
		// testOpenOffice2.odt in the
		// corpus): read, its text would come twice; here it is another text, to tell
		// whose words are whose
		byte[] odt = withEntries(Files.readAllBytes(NoteFiles.NOTES.resolve("note-fr-1page.odt")),
				Map.of("Thumbnails/thumbnail.pdf", WarmUpNotes.pdf()));
		var attachment = new Attachment("note.odt", null, odt, odt.length, false);

		Extraction extraction = extractor.extract(attachment, extractor.detect(attachment));

		assertThat(extraction.unreadableReason()).isNull();
		assertThat(extraction.text()).contains("livreurs").doesNotContain(WarmUpNotes.TEXT);
		// Tika on its own reads the thumbnail: the test above can fail
		assertThat(tikaText(odt, extractor.context(), true)).contains(WarmUpNotes.TEXT);
	}

	@Test
	void aPhotoInAWordNoteIsNotRead() throws Exception {
		// Tika writes the name of each picture of a DOCX into the text ("image1.png"):
		// noise for the committee and for
		// the language, and a Word file of pasted scans would pass for one with text
		byte[] docx = Files.readAllBytes(NoteFiles.NOTES.resolve("note-fr-1page.docx"));
		String relationships = entry(docx, "word/_rels/document.xml.rels").replace("</Relationships>",
				"<Relationship Id=\"rIdPhoto\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
						+ "relationships/image\" Target=\"media/image1.png\"/></Relationships>");
		String types = entry(docx, "[Content_Types].xml").replace("<Default ",
				"<Default Extension=\"png\" ContentType=\"image/png\"/><Default ");
		byte[] withPhoto = withEntries(docx,
				Map.of("word/_rels/document.xml.rels", relationships.getBytes(StandardCharsets.UTF_8),
						"[Content_Types].xml", types.getBytes(StandardCharsets.UTF_8), "word/media/image1.png", png()));
		var attachment = new Attachment("note.docx", null, withPhoto, withPhoto.length, false);

		Extraction extraction = extractor.extract(attachment, extractor.detect(attachment));

		assertThat(extraction.unreadableReason()).isNull();
		assertThat(extraction.text()).contains("livreurs").doesNotContain("image1.png");
		assertThat(tikaText(withPhoto, extractor.context(), true)).contains("image1.png");
	}

	@Test
	void leavesOutThumbnailsAndRasterImagesOnly() {
		assertThat(TextBearingParts.cannotAddText(part(TikaCoreProperties.EmbeddedResourceType.THUMBNAIL, null)))
			.isTrue();
		for (String raster : List.of("image/png", "image/jpeg", "image/gif", "image/bmp", "image/tiff", "image/webp",
				"IMAGE/PNG; name=logo.png")) {
			assertThat(TextBearingParts.cannotAddText(part(null, raster))).as(raster).isTrue();
		}
		// drawings and documents can hold text; a part whose type is unknown is read
		for (String readable : new String[] { "image/emf", "image/wmf", "image/svg+xml", "application/pdf",
				"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/octet-stream",
				"not a type", null }) {
			assertThat(TextBearingParts.cannotAddText(part(TikaCoreProperties.EmbeddedResourceType.INLINE, readable)))
				.as(readable)
				.isFalse();
		}
	}

	@Test
	void everyNoteAndCorpusDocumentReadsAsTikaReadsIt() throws IOException {
		List<Path> files = new ArrayList<>();
		try (Stream<Path> notes = Files.list(NoteFiles.NOTES)) {
			notes.filter(Files::isRegularFile).forEach(files::add);
		}
		Path corpus = Path.of("../shared/corpus/documents");
		if (Files.isDirectory(corpus)) {
			try (Stream<Path> documents = Files.list(corpus)) {
				// the one document whose thumbnail is a PDF, tested above: Tika reads its
				// text twice
				documents.filter(Files::isRegularFile)
					.filter((file) -> !file.endsWith("testOpenOffice2.odt"))
					.forEach(files::add);
			}
		}
		for (Path file : files) {
			byte[] content = Files.readAllBytes(file);

			assertThat(tikaText(content, extractor.context(), false)).as(file.toString())
				.isEqualTo(tikaText(content, extractor.context(), true));
		}
		assertThat(files).hasSizeGreaterThan(15);
	}

	/**
	 * The text Tika gives with Guichet's settings, with or without its own handling of
	 * the embedded parts.
	 */
	private static String tikaText(byte[] content, ParseContext context, boolean everyPart) {
		if (everyPart) {
			context.set(EmbeddedDocumentExtractor.class, null);
		}
		var handler = new BodyContentHandler(-1);
		try (var in = TikaInputStream.get(content)) {
			tika.parse(in, handler, new Metadata(), context);
		}
		catch (Exception ex) {
			return "fails: " + ex.getClass().getName();
		}
		return handler.toString();
	}

	private static Metadata part(TikaCoreProperties.EmbeddedResourceType resourceType, String contentType) {
		var metadata = new Metadata();
		if (resourceType != null) {
			metadata.set(TikaCoreProperties.EMBEDDED_RESOURCE_TYPE, resourceType.toString());
		}
		if (contentType != null) {
			metadata.set(Metadata.CONTENT_TYPE, contentType);
		}
		return metadata;
	}

	/**
	 * The ZIP with these entries replaced or added, its {@code mimetype} entry first and
	 * stored as ODF requires.
	 */
	private static byte[] withEntries(byte[] zip, Map<String, byte[]> entries) throws IOException {
		var remaining = new LinkedHashMap<>(entries);
		var out = new ByteArrayOutputStream();
		try (var in = new ZipInputStream(new ByteArrayInputStream(zip)); var copy = new ZipOutputStream(out)) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				byte[] read = in.readAllBytes();
				byte[] replaced = remaining.remove(entry.getName());
				byte[] bytes = (replaced != null) ? replaced : read;
				copy.putNextEntry(entry.getName().equals("mimetype") ? WarmUpNotes.stored(entry.getName(), bytes)
						: new ZipEntry(entry.getName()));
				copy.write(bytes);
				copy.closeEntry();
			}
			for (var added : remaining.entrySet()) {
				copy.putNextEntry(new ZipEntry(added.getKey()));
				copy.write(added.getValue());
				copy.closeEntry();
			}
		}
		return out.toByteArray();
	}

	private static String entry(byte[] zip, String name) throws IOException {
		try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				if (entry.getName().equals(name)) {
					return new String(in.readAllBytes(), StandardCharsets.UTF_8);
				}
			}
		}
		throw new IllegalArgumentException(name);
	}

	private static byte[] png() throws IOException {
		var image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
		var out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

}
