package guichet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages are features, and their dependencies point one way (web → application →
 * intake, dedup, note, language, deadline; acknowledgement, digest and outbox after
 * filing; settings and startup at the bottom): no cycle, checked by Spring Modulith. Also
 * keeps the module diagrams in docs/modules/ up to date.
 */
class ModularityTests {

	private static final ApplicationModules modules = ApplicationModules.of(Guichet.class);

	private static final Path DOCS = Path.of("docs/modules");

	@Test
	void everyDependencyBetweenFeaturesPointsOneWay() {
		modules.verify();
	}

	/**
	 * The Documenter lists the same relations in a different order from one run to the
	 * next: a file in docs/ is replaced only when what it says changed, so that running
	 * the tests leaves the work tree clean.
	 */
	@Test
	void writesTheModuleDocumentation() throws IOException {
		Path written = Path.of("target/modules");
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder(written.toString()))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
		Files.createDirectories(DOCS);
		try (Stream<Path> files = Files.list(written)) {
			files.forEach(file -> {
				Path doc = DOCS.resolve(file.getFileName());
				if (!Files.exists(doc) || !sortedLines(doc).equals(sortedLines(file))) {
					copy(file, doc);
				}
			});
		}
		try (Stream<Path> docs = Files.list(DOCS)) {
			assertThat(docs).allSatisfy(doc -> assertThat(written.resolve(doc.getFileName())).exists());
		}
	}

	private static List<String> sortedLines(Path file) {
		try (Stream<String> lines = Files.lines(file)) {
			return lines.sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void copy(Path from, Path to) {
		try {
			Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
