package guichet.archive;

import guichet.settings.InvalidSettingException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Importing archives through the admin page ({@code guichet.import.*}).
 *
 * @param maxUploadSize the most one upload may hold, all its files together: what the web
 * server accepts and writes to its temporary folder before anything else looks at it. A
 * zip may unpack to ten times as much (a Maildir's text compresses well), never more.
 * Larger archives: {@code java -jar guichet.jar import PATH…}, which has no limit.
 */
@ConfigurationProperties(prefix = "guichet.import", ignoreUnknownFields = false)
public record ImportProperties(@DefaultValue("200MB") DataSize maxUploadSize) {

	/** How much more than the upload a zip may unpack to: more is a zip bomb. */
	static final int UNPACKED_RATIO = 10;

	public ImportProperties {
		if (maxUploadSize == null || maxUploadSize.toBytes() <= 0) {
			throw new InvalidSettingException("guichet.import.max-upload-size", maxUploadSize,
					"must be a size larger than zero, such as 200MB");
		}
	}

	/** The limit as the page says it: "200 MB", "64 KB". */
	String shown() {
		long bytes = maxUploadSize.toBytes();
		return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB"
				: bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
	}

	long maxUnpackedBytes() {
		return Math.multiplyExact(maxUploadSize.toBytes(), UNPACKED_RATIO);
	}

}
