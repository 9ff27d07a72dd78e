package guichet.note;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * One small note in each format the call asks for (PDF, Word, LibreOffice) and a text
 * file, read once while Guichet starts: the first DOCX costs some 400 ms of class loading
 * in Tika and POI, the first ODT 100 ms, the first PDF 600 ms (two cores, C1), and the
 * first burst of applications should not pay for it. Built in memory, so that the jar
 * carries no sample documents.
 */
final class WarmUpNotes {

	static final String TEXT = "Guichet reads the descriptive notes of collective initiatives of platform workers.";

	private WarmUpNotes() {
	}

	static List<Attachment> all() {
		return List.of(attachment("warm-up.txt", "text/plain", TEXT.getBytes(StandardCharsets.UTF_8)),
				attachment("warm-up.pdf", "application/pdf", pdf()), attachment("warm-up.docx",
						"application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx()),
				attachment("warm-up.odt", "application/vnd.oasis.opendocument.text", odt()));
	}

	/**
	 * The notes as application mails (a short cover text, the note attached), as the
	 * intake receives them: to practise the whole reading of a mail, MIME included.
	 */
	static List<byte[]> asMails() {
		// a From address for the Message-ID saveChanges() writes: without it Jakarta Mail
		// asks DNS for the host's name
		var settings = new Properties();
		settings.put("mail.from", "warm-up@guichet.invalid");
		var session = Session.getInstance(settings);
		var mails = new ArrayList<byte[]>();
		for (Attachment note : all()) {
			try {
				var mail = new MimeMessage(session);
				mail.setFrom("warm-up@guichet.invalid");
				mail.setSubject("Warm-up");
				var cover = new MimeBodyPart();
				cover.setText("Please find our note attached.", "UTF-8");
				var attached = new MimeBodyPart();
				attached.setDataHandler(new DataHandler(new ByteArrayDataSource(note.content(), note.declaredType())));
				attached.setFileName(note.name());
				mail.setContent(new MimeMultipart(cover, attached));
				mail.saveChanges();
				var bytes = new ByteArrayOutputStream();
				mail.writeTo(bytes);
				mails.add(bytes.toByteArray());
			}
			catch (MessagingException | IOException ex) {
				throw new IllegalStateException("Could not build the warm-up mail of " + note.name(), ex);
			}
		}
		return mails;
	}

	private static Attachment attachment(String name, String type, byte[] content) {
		return new Attachment(name, type, content, content.length, false);
	}

	static byte[] pdf() {
		try (var document = new PDDocument(); var out = new ByteArrayOutputStream()) {
			var page = new PDPage();
			document.addPage(page);
			try (var content = new PDPageContentStream(document, page)) {
				content.beginText();
				content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
				content.newLineAtOffset(72, 720);
				content.showText(TEXT);
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
	 * The smallest package Word opens: content types, the package relationship and the
	 * document.
	 */
	static byte[] docx() {
		return zip(false, new String[][] { { "[Content_Types].xml", """
				<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
				<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
				<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
				<Default Extension="xml" ContentType="application/xml"/>\
				<Override PartName="/word/document.xml" \
				ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
				</Types>""" }, { "_rels/.rels", """
				<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
				<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
				<Relationship Id="rId1" Target="word/document.xml" \
				Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>\
				</Relationships>""" }, { "word/document.xml", """
				<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
				<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
				<w:body><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:body></w:document>""".formatted(TEXT) } });
	}

	/**
	 * The smallest document LibreOffice opens: its media type first and uncompressed, a
	 * manifest, the content.
	 */
	static byte[] odt() {
		return zip(true, new String[][] { { "mimetype", "application/vnd.oasis.opendocument.text" },
				{ "META-INF/manifest.xml", """
						<?xml version="1.0" encoding="UTF-8"?>
						<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" \
						manifest:version="1.2">\
						<manifest:file-entry manifest:full-path="/" \
						manifest:media-type="application/vnd.oasis.opendocument.text"/>\
						<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>\
						</manifest:manifest>""" }, { "content.xml", """
						<?xml version="1.0" encoding="UTF-8"?>
						<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
						xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">\
						<office:body><office:text><text:p>%s</text:p></office:text></office:body>\
						</office:document-content>""".formatted(TEXT) } });
	}

	/**
	 * A ZIP entry written as is, not compressed, as ODF requires of its {@code mimetype}
	 * entry.
	 */
	static ZipEntry stored(String name, byte[] content) {
		var crc = new CRC32();
		crc.update(content);
		var entry = new ZipEntry(name);
		entry.setMethod(ZipEntry.STORED);
		entry.setSize(content.length);
		entry.setCrc(crc.getValue());
		return entry;
	}

	private static byte[] zip(boolean firstStored, String[][] entries) {
		var out = new ByteArrayOutputStream();
		try (var zip = new ZipOutputStream(out)) {
			for (int i = 0; i < entries.length; i++) {
				byte[] content = entries[i][1].getBytes(StandardCharsets.UTF_8);
				// ODF readers find the format in the first bytes of the file
				zip.putNextEntry(
						(firstStored && i == 0) ? stored(entries[i][0], content) : new ZipEntry(entries[i][0]));
				zip.write(content);
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}
