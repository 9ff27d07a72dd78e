package guichet.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * One-page descriptive notes in French or English, each different, as applicants send
 * them: a PDF written with PDFBox (about 450 words of the test notes' text, its sentences
 * shuffled), or the DOCX and ODT test notes with a reference number of their own written
 * into their first paragraph.
 */
final class BenchNotes {

	enum Format {

		PDF("pdf", "application/pdf"),
		DOCX("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
		ODT("odt", "application/vnd.oasis.opendocument.text");

		final String extension;

		final String mediaType;

		Format(String extension, String mediaType) {
			this.extension = extension;
			this.mediaType = mediaType;
		}

	}

	record NoteFile(String filename, String mediaType, byte[] content) {
	}

	private static final Path NOTES = Path.of("src", "test", "resources", "notes");

	private static final int WORDS = 450;

	private final List<String> frenchSentences;

	private final List<String> englishSentences;

	private final byte[][] fixtures = new byte[4][];

	BenchNotes() {
		this.frenchSentences = sentences(read("source/note-fr.txt"));
		this.englishSentences = sentences(read("source/note-en.txt"));
		this.fixtures[0] = bytes("note-fr-1page.docx");
		this.fixtures[1] = bytes("note-en-1page.docx");
		this.fixtures[2] = bytes("note-fr-1page.odt");
		this.fixtures[3] = bytes("note-en-1page.odt");
	}

	/**
	 * Note {@code number}: formats and languages alternate so that every mix of the two
	 * occurs.
	 */
	NoteFile note(int number) {
		boolean french = number % 2 == 0;
		Format format = Format.values()[(number / 2) % 3];
		String name = (french ? "note-descriptive-" : "descriptive-note-") + number + "." + format.extension;
		byte[] content = switch (format) {
			case PDF -> pdf(number, french);
			case DOCX -> referenced(this.fixtures[french ? 0 : 1], "word/document.xml", "</w:t>", number);
			case ODT -> referenced(this.fixtures[french ? 2 : 3], "content.xml", "</text:h>", number);
		};
		return new NoteFile(name, format.mediaType, content);
	}

	private byte[] pdf(int number, boolean french) {
		List<String> sentences = new ArrayList<>(french ? this.frenchSentences : this.englishSentences);
		java.util.Collections.shuffle(sentences, new Random(number));
		List<String> words = new ArrayList<>();
		words.addAll(Arrays.asList(((french ? "Note descriptive n° " : "Descriptive note no. ") + number).split(" ")));
		for (int i = 0; words.size() < WORDS; i = (i + 1) % sentences.size()) {
			words.addAll(Arrays.asList(sentences.get(i).split("\\s+")));
		}
		try (var document = new PDDocument(); var out = new ByteArrayOutputStream()) {
			var page = new PDPage(PDRectangle.A4);
			document.addPage(page);
			var font = new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN);
			try (var content = new PDPageContentStream(document, page)) {
				content.beginText();
				content.setFont(font, 10);
				content.setLeading(12.5f);
				content.newLineAtOffset(56, 790);
				var line = new StringBuilder();
				for (String word : words) {
					if (font.getStringWidth(line + " " + word) / 1000 * 10 > 480) {
						content.showText(line.toString());
						content.newLine();
						line.setLength(0);
					}
					line.append(line.isEmpty() ? "" : " ").append(word);
				}
				content.showText(line.toString());
				content.endText();
			}
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The document with "(réf. n)" added to the end of its first element named by
	 * {@code closing}.
	 */
	private static byte[] referenced(byte[] document, String entryName, String closing, int number) {
		try (var in = new ZipInputStream(new java.io.ByteArrayInputStream(document));
				var bytes = new ByteArrayOutputStream();
				var out = new ZipOutputStream(bytes)) {
			for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
				byte[] content = in.readAllBytes();
				if (entry.getName().equals(entryName)) {
					String xml = new String(content, StandardCharsets.UTF_8);
					int at = xml.indexOf(closing);
					xml = xml.substring(0, at) + " (ref. " + number + ")" + xml.substring(at);
					content = xml.getBytes(StandardCharsets.UTF_8);
				}
				var copy = new ZipEntry(entry.getName());
				if (entry.getMethod() == ZipEntry.STORED) {
					// ODT's mimetype entry stays first and uncompressed
					copy.setMethod(ZipEntry.STORED);
					copy.setSize(content.length);
					var crc = new java.util.zip.CRC32();
					crc.update(content);
					copy.setCrc(crc.getValue());
				}
				out.putNextEntry(copy);
				out.write(content);
				out.closeEntry();
			}
			out.finish();
			return bytes.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> sentences(String text) {
		return Arrays.stream(text.replace('\n', ' ').split("(?<=[.!?])\\s+"))
			.map(String::strip)
			.filter(sentence -> sentence.length() > 20)
			.map(BenchNotes::winAnsi)
			.toList();
	}

	/**
	 * The Standard 14 fonts only encode WinAnsi: typographic apostrophes and dashes
	 * become plain ones.
	 */
	private static String winAnsi(String text) {
		return text.replace('\u2019', '\'')
			.replace('\u2013', '-')
			.replace('\u2014', '-')
			.replace('\u202f', ' ')
			.replace('\u00a0', ' ')
			.replace('\u201c', '"')
			.replace('\u201d', '"');
	}

	private static String read(String name) {
		return new String(bytes(name), StandardCharsets.UTF_8);
	}

	private static byte[] bytes(String name) {
		try {
			return Files.readAllBytes(NOTES.resolve(name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
