package guichet.archive;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import guichet.acknowledgement.AcknowledgementProperties;
import guichet.application.Filing.Outcome;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin page that imports an archive by upload (issue #20), as
 * {@code java -jar guichet.jar import} does from a path: mbox files, {@code .eml} files
 * and zips of a Maildir go through the same {@link Importer}, each file as mailbox
 * {@code import:<its name>}. Three steps, as every admin action: choose the files (and
 * whether to acknowledge), confirm what was found in them, read the summary the command
 * prints. The import runs in the request: 200 messages take under a minute; larger
 * archives are for the command.
 */
@Controller
class ImportPages {

	private final Importer importer;

	private final Uploads uploads;

	private final ImportProperties properties;

	private final AcknowledgementProperties acknowledgements;

	ImportPages(Importer importer, Uploads uploads, ImportProperties properties,
			AcknowledgementProperties acknowledgements) {
		this.importer = importer;
		this.uploads = uploads;
		this.properties = properties;
		this.acknowledgements = acknowledgements;
	}

	/** What was found in an upload, before it is imported. */
	record PreviewView(UUID id, List<Importer.Source> sources, int messages, boolean acknowledge) {
	}

	/** The command's summary, for the page. */
	record SummaryView(int messages, double seconds, int filed, int merged, int ignored, int quarantined,
			int alreadyImported, Map<String, Integer> reasons, List<String> problems, boolean acknowledged) {

		static SummaryView of(Importer.Summary summary, double seconds, boolean acknowledged) {
			return new SummaryView(summary.messages(), Math.round(seconds * 10) / 10.0,
					summary.count(Outcome.NEW_SUBMISSION), summary.count(Outcome.COPY), summary.count(Outcome.IGNORED),
					summary.count(Outcome.QUARANTINED), summary.count(Outcome.ALREADY_FILED), summary.reasons(),
					summary.problems(), acknowledged);
		}

	}

	@GetMapping("/admin/import")
	String form(Model model) {
		model.addAttribute("maxUploadSize", this.properties.shown());
		model.addAttribute("acknowledgementsEnabled", this.acknowledgements.enabled());
		return "admin/import";
	}

	@PostMapping("/admin/import")
	String upload(@RequestParam(name = "archives", required = false) List<MultipartFile> archives,
			@RequestParam(name = "acknowledge", defaultValue = "false") boolean acknowledge, Principal who,
			Model model) {
		Uploads.Upload upload = this.uploads.keep(archives == null ? List.of() : archives,
				acknowledge && this.acknowledgements.enabled(), who.getName());
		List<Importer.Source> sources = this.importer.preview(upload.archives(), upload.folder());
		model.addAttribute("preview", new PreviewView(upload.id(), sources,
				sources.stream().mapToInt(Importer.Source::messages).sum(), upload.acknowledge()));
		return form(model);
	}

	@PostMapping("/admin/import/{id}")
	String confirm(@PathVariable UUID id, Principal who, RedirectAttributes redirect) {
		Uploads.Upload upload = this.uploads.take(id, who.getName())
			.orElseThrow(() -> new Uploads.UploadException(
					"This upload is no longer waiting (imported already, cancelled, or older than an hour): "
							+ "upload the files again."));
		try {
			long start = System.nanoTime();
			Importer.Summary summary = this.importer.importPaths(upload.archives(), upload.acknowledge(),
					Importer.Progress.NONE, upload.folder());
			redirect.addFlashAttribute("summary",
					SummaryView.of(summary, (System.nanoTime() - start) / 1e9, upload.acknowledge()));
		}
		finally {
			this.uploads.discard(upload);
		}
		return "redirect:/admin/import";
	}

	@PostMapping("/admin/import/{id}/cancel")
	String cancel(@PathVariable UUID id, Principal who) {
		this.uploads.take(id, who.getName()).ifPresent(this.uploads::discard);
		return "redirect:/admin/import";
	}

	@ExceptionHandler(Uploads.UploadException.class)
	String refused(Uploads.UploadException ex, Model model) {
		model.addAttribute("problem", ex.getMessage());
		return form(model);
	}

}
