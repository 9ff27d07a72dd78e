package guichet.note;

import java.io.IOException;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.Office;
import org.apache.tika.metadata.PagedText;

/**
 * Counts a note's pages for the call's page limit. A PDF's pages are counted by PDFBox; a word processor's file
 * carries the page count its editor computed when it was saved (DOCX docProps/app.xml, ODT meta.xml, DOC summary
 * information), which Tika reports. Other formats have no pages.
 */
final class PageCounter {

	private final long memoryLimit;

	PageCounter(long memoryLimit) {
		this.memoryLimit = memoryLimit;
	}

	/** The pages of a PDF, or {@code null} when PDFBox cannot open it (damaged, or locked by a password). */
	Integer ofPdf(byte[] pdf) {
		var memoryOnly = MemoryUsageSetting.setupMainMemoryOnly(this.memoryLimit).streamCache;
		try (PDDocument document = Loader.loadPDF(pdf, "", null, null, memoryOnly)) {
			return document.getNumberOfPages();
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/** The page count a document's editor recorded, as Tika reports it, or {@code null}. */
	static Integer fromMetadata(Metadata metadata) {
		Integer pages = metadata.getInt(Office.PAGE_COUNT);
		if (pages == null) {
			pages = metadata.getInt(PagedText.N_PAGES);
		}
		return (pages != null && pages > 0) ? pages : null;
	}

}
