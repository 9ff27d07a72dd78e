package guichet.archive;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * An upload over {@code guichet.import.max-upload-size} back on the import page, which
 * says the limit. Advice rather than a handler of {@link ImportPages}: the upload is read
 * before any controller is chosen. The page's form carries its CSRF token in its address,
 * so that the token is still read when the body is refused.
 */
@ControllerAdvice
class UploadTooLarge {

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	String tooLarge() {
		return "redirect:/admin/import?tooLarge";
	}

}
