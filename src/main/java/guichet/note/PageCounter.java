package guichet.note;

import java.io.IOException;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.Office;
import org.apache.tika.metadata.PagedText;

/**
 * Counts a note's pages for the call's page limit. A PDF's pages are counted by PDFBox; a
 * word processor's file carries the page count its editor computed when it was saved
 * (DOCX docProps/app.xml, ODT meta.xml, DOC summary information), which Tika reports.
 * Other formats have no pages.
 */
final class PageCounter {

	private final long memoryLimit;

	PageCounter(long memoryLimit) {
		this.memoryLimit = memoryLimit;
	}

	/**
	 * Nodes of a page tree walked at most: 10,000 pages is far beyond any note, and the
	 * walk stays cheap.
	 */
	private static final int MAX_NODES = 10_000;

	/**
	 * The pages of a PDF, or {@code null} when PDFBox cannot open it (damaged, or locked
	 * by a password) or its page tree refers to itself.
	 */
	Integer ofPdf(byte[] pdf) {
		Tree tree = walkPdf(pdf);
		return tree.loops() ? null : tree.pages();
	}

	/**
	 * What the page tree of a PDF holds, counted leaf by leaf rather than read from its
	 * root's {@code /Count}, which is only the writer's word: a tree that lists itself
	 * among its kids claimed 5,000 pages (issue #17).
	 *
	 * @param pages the pages found, {@code null} when the PDF cannot be opened
	 * @param loops whether a node of the tree is its own descendant
	 */
	record Tree(Integer pages, boolean loops) {
	}

	Tree walkPdf(byte[] pdf) {
		var memoryOnly = MemoryUsageSetting.setupMainMemoryOnly(this.memoryLimit).streamCache;
		try (PDDocument document = Loader.loadPDF(pdf, "", null, null, memoryOnly)) {
			COSDictionary root = document.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.PAGES);
			if (root == null) {
				return new Tree(null, false);
			}
			int[] leaves = { 0 };
			boolean loops = walk(root, Collections.newSetFromMap(new IdentityHashMap<>()), leaves);
			return new Tree(leaves[0], loops);
		}
		catch (IOException | RuntimeException ex) {
			return new Tree(null, false);
		}
	}

	/** Depth first, without recursion, so that a deep tree cannot overflow the stack. */
	private static boolean walk(COSDictionary root, Set<COSDictionary> seen, int[] leaves) {
		Deque<COSDictionary> pending = new ArrayDeque<>();
		pending.push(root);
		seen.add(root);
		int nodes = 0;
		while (!pending.isEmpty()) {
			if (++nodes > MAX_NODES) {
				return false;
			}
			COSDictionary node = pending.pop();
			COSArray kids = node.getCOSArray(COSName.KIDS);
			if (kids == null || COSName.PAGE.equals(node.getCOSName(COSName.TYPE))) {
				leaves[0]++;
				continue;
			}
			for (int i = 0; i < kids.size(); i++) {
				if (kids.getObject(i) instanceof COSDictionary kid) {
					if (!seen.add(kid)) {
						// a node reached twice: a page tree is a tree, so this is a loop
						// or a page listed twice
						return true;
					}
					pending.push(kid);
				}
			}
		}
		return false;
	}

	/**
	 * The page count a document's editor recorded, as Tika reports it, or {@code null}.
	 */
	static Integer fromMetadata(Metadata metadata) {
		Integer pages = metadata.getInt(Office.PAGE_COUNT);
		if (pages == null) {
			pages = metadata.getInt(PagedText.N_PAGES);
		}
		return (pages != null && pages > 0) ? pages : null;
	}

}
