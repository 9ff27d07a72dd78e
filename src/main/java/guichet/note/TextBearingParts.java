package guichet.note;

import java.util.Set;

import org.apache.tika.extractor.ParsingEmbeddedDocumentExtractor;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;

/**
 * Reads the documents inside a note as Tika would, except those that cannot add to its
 * text: the thumbnail an editor saves of the first page (every LibreOffice file has one;
 * it cost an ODT two thirds of its reading time, issue #7), and photos and other raster
 * images, which hold no text since notes are not read by OCR. Charts and drawings (EMF,
 * WMF, SVG), embedded documents and spreadsheets are read.
 * <p>
 * One difference with Tika's own text: Tika writes the name of each picture of a Word
 * file into the text ("image1.png"); it no longer does, so a Word file that only holds
 * pasted scans is, rightly, a note without text.
 */
final class TextBearingParts extends ParsingEmbeddedDocumentExtractor {

	private static final String THUMBNAIL = TikaCoreProperties.EmbeddedResourceType.THUMBNAIL.toString();

	/** Pixels only: Tika's image parsers give metadata, never text. */
	private static final Set<String> RASTER_IMAGES = Set.of("image/png", "image/jpeg", "image/gif", "image/bmp",
			"image/x-ms-bmp", "image/tiff", "image/webp");

	TextBearingParts(ParseContext context) {
		super(context);
	}

	@Override
	public boolean shouldParseEmbedded(Metadata metadata) {
		return !cannotAddText(metadata) && super.shouldParseEmbedded(metadata);
	}

	/**
	 * A thumbnail, or a part whose type, as its container declares it or Tika detected it
	 * (ODT pictures), is a raster image.
	 */
	static boolean cannotAddText(Metadata metadata) {
		if (THUMBNAIL.equals(metadata.get(TikaCoreProperties.EMBEDDED_RESOURCE_TYPE))) {
			return true;
		}
		MediaType type = MediaType.parse(metadata.get(Metadata.CONTENT_TYPE));
		return type != null && RASTER_IMAGES.contains(type.getBaseType().toString());
	}

}
