package guichet.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;

/**
 * Hostile attachments made on the spot: decompression bombs in the two word-processing
 * ZIP formats, a PDF of thousands of pages, an encrypted PDF, a scan without text. The
 * bombs are cached under {@code target/hostile/} (the memory bench feeds them too), since
 * deflating a gigabyte takes a few seconds.
 */
public final class HostileDocuments {

	/** What each bomb's main XML part inflates to. */
	public static final long BOMB_BYTES = 1L << 30;

	private static final Path CACHE = Path.of("target", "hostile");

	private static final String NOTE_LINE = "Notre collectif propose des ateliers d'ecriture dans les quartiers de Lyon.";

	private HostileDocuments() {
	}

	/** A DOCX whose word/document.xml is one run of 1 GiB of text. */
	public static byte[] docxBomb() {
		return cached("bomb.docx", out -> {
			try (var zip = new ZipOutputStream(out)) {
				zip.setLevel(Deflater.BEST_COMPRESSION);
				put(zip, "[Content_Types].xml",
						"""
								<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
								<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
								<Default Extension="xml" ContentType="application/xml"/>\
								<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""");
				put(zip, "_rels/.rels",
						"""
								<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
								<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>""");
				zip.putNextEntry(new ZipEntry("word/document.xml"));
				zip.write(ascii(
						"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>"));
				repeat(zip, (byte) 'a', BOMB_BYTES);
				zip.write(ascii("</w:t></w:r></w:p></w:body></w:document>"));
				zip.closeEntry();
			}
		});
	}

	/**
	 * An ODT whose content.xml holds 1 GiB: as text ({@code inAttribute} false) or as one
	 * attribute's value.
	 */
	public static byte[] odtBomb(boolean inAttribute) {
		return cached(inAttribute ? "bomb-attribute.odt" : "bomb.odt", out -> {
			try (var zip = new ZipOutputStream(out)) {
				byte[] mimetype = ascii("application/vnd.oasis.opendocument.text");
				var stored = new ZipEntry("mimetype");
				stored.setMethod(ZipEntry.STORED);
				stored.setSize(mimetype.length);
				var crc = new CRC32();
				crc.update(mimetype);
				stored.setCrc(crc.getValue());
				zip.putNextEntry(stored);
				zip.write(mimetype);
				zip.closeEntry();
				zip.setLevel(Deflater.BEST_COMPRESSION);
				put(zip, "META-INF/manifest.xml",
						"""
								<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">\
								<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>\
								<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>""");
				zip.putNextEntry(new ZipEntry("content.xml"));
				zip.write(ascii(
						"<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>"
								+ (inAttribute ? "<text:p text:style-name=\"" : "<text:p>")));
				repeat(zip, (byte) 'a', BOMB_BYTES);
				zip.write(ascii((inAttribute ? "\">x" : "")
						+ "</text:p></office:text></office:body></office:document-content>"));
				zip.closeEntry();
			}
		});
	}

	/** A PDF of this many small pages, one line of text each. */
	/**
	 * A PDF whose page tree lists itself among its own kids, claiming 5,000 pages (issue
	 * #17): its one real page has a line of text. Written by hand with a correct
	 * cross-reference table, so that the loop is all that is wrong.
	 */
	public static byte[] selfReferencingPageTree() {
		String content = "BT /F1 12 Tf 72 700 Td (" + NOTE_LINE + ") Tj ET";
		String[] objects = { "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 5000 >>",
				"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
						+ "/Resources << /Font << /F1 5 0 R >> >> >>",
				"<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream",
				"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>" };
		StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
		int[] offsets = new int[objects.length];
		for (int i = 0; i < objects.length; i++) {
			offsets[i] = pdf.length();
			pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
		}
		int xref = pdf.length();
		pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
		for (int offset : offsets) {
			pdf.append(String.format("%010d 00000 n \n", offset));
		}
		pdf.append("trailer\n<< /Size ")
			.append(objects.length + 1)
			.append(" /Root 1 0 R >>\nstartxref\n")
			.append(xref)
			.append("\n%%EOF\n");
		return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	public static byte[] textPdf(int pages) {
		return pdf(pages, page -> NOTE_LINE + " Page " + page, 0);
	}

	/**
	 * A PDF slow to read however warm the reader is: few characters (under any text
	 * limit), few bytes (under any attachment limit, as the content streams compress),
	 * but many drawing operators on each page, which the parser must still read one by
	 * one.
	 */
	public static byte[] slowPdf(int pages, int operatorsPerPage) {
		return pdf(pages, page -> "Page " + page, operatorsPerPage);
	}

	/**
	 * Pages of one line of text each (numbered from 1), then as many tiny filled squares
	 * as asked.
	 */
	private static byte[] pdf(int pages, IntFunction<String> lineOfPage, int operatorsPerPage) {
		try (var document = new PDDocument(); var out = new ByteArrayOutputStream()) {
			var font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
			for (int i = 0; i < pages; i++) {
				var page = new PDPage();
				document.addPage(page);
				try (var content = new PDPageContentStream(document, page)) {
					content.beginText();
					content.setFont(font, 11);
					content.newLineAtOffset(72, 720);
					content.showText(lineOfPage.apply(i + 1));
					content.endText();
					for (int j = 0; j < operatorsPerPage; j++) {
						content.addRect(72, 72, 1, 1);
						content.fill();
					}
				}
			}
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A one-page note that opens only with a password. */
	public static byte[] encryptedPdf() {
		try (var document = new PDDocument(); var out = new ByteArrayOutputStream()) {
			var page = new PDPage();
			document.addPage(page);
			try (var content = new PDPageContentStream(document, page)) {
				content.beginText();
				content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
				content.newLineAtOffset(72, 720);
				content.showText(NOTE_LINE);
				content.endText();
			}
			var policy = new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
			policy.setEncryptionKeyLength(256);
			document.protect(policy);
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A scanned page: one image, no text layer. */
	public static byte[] scannedPdf() {
		try (var document = new PDDocument(); var out = new ByteArrayOutputStream()) {
			var page = new PDPage();
			document.addPage(page);
			var image = new BufferedImage(600, 800, BufferedImage.TYPE_BYTE_GRAY);
			var graphics = image.createGraphics();
			graphics.fillRect(0, 0, 600, 800);
			graphics.setColor(java.awt.Color.BLACK);
			for (int y = 40; y < 760; y += 20) {
				graphics.drawString("Ligne " + y + " " + NOTE_LINE, 30, y);
			}
			graphics.dispose();
			var scan = LosslessFactory.createFromImage(document, image);
			try (var content = new PDPageContentStream(document, page)) {
				content.drawImage(scan, 0, 0, page.getMediaBox().getWidth(), page.getMediaBox().getHeight());
			}
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The start of a Windows executable, padded: what a virus sent as "note.pdf" looks
	 * like.
	 */
	public static byte[] executable() {
		byte[] exe = new byte[16 * 1024];
		new Random(7).nextBytes(exe);
		byte[] header = ascii(
				"MZ\u0090\u0000\u0003\u0000\u0000\u0000\u0004\u0000\u0000\u0000\u00ff\u00ff\u0000\u0000This program cannot be run in DOS mode.");
		System.arraycopy(header, 0, exe, 0, header.length);
		return exe;
	}

	/**
	 * Random bytes of this size: an attachment too large to read, whatever it claims to
	 * be.
	 */
	public static byte[] randomBytes(int size) {
		byte[] bytes = new byte[size];
		new Random(30).nextBytes(bytes);
		return bytes;
	}

	private interface Writer {

		void write(OutputStream out) throws IOException;

	}

	private static synchronized byte[] cached(String name, Writer writer) {
		try {
			Files.createDirectories(CACHE);
			Path file = CACHE.resolve(name);
			if (!Files.exists(file)) {
				Path partial = CACHE.resolve(name + ".part");
				try (var out = Files.newOutputStream(partial)) {
					writer.write(out);
				}
				Files.move(partial, file);
			}
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void put(ZipOutputStream zip, String name, String content) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
		zip.write(content.getBytes(StandardCharsets.UTF_8));
		zip.closeEntry();
	}

	private static void repeat(OutputStream out, byte value, long count) throws IOException {
		byte[] chunk = new byte[1 << 20];
		java.util.Arrays.fill(chunk, value);
		for (long written = 0; written < count; written += chunk.length) {
			out.write(chunk, 0, (int) Math.min(chunk.length, count - written));
		}
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

}
