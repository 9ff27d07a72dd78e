package guichet.intake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import guichet.support.Committee;
import guichet.support.Guichets;
import guichet.support.TestMailServer;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A route file that cannot be loaded at start-up (a rejected live edit left on disk, a
 * typo made while Guichet was stopped) stops it naming the file, the line and the error.
 */
@ExtendWith(OutputCaptureExtension.class)
class RouteStartupFailureTests {

	GreenMail greenMail = TestMailServer.start();

	@AfterEach
	void stop() {
		greenMail.stop();
	}

	@Test
	void aRouteNamingABeanThatDoesNotExistStopsStartUpNamingItsFileAndLine(CapturedOutput output) throws Exception {
		Path routes = Files.createTempDirectory(Path.of("target"), "broken-routes").toAbsolutePath();
		try (var files = Files.list(Path.of("routes"))) {
			for (Path file : files.toList()) {
				Files.copy(file, routes.resolve(file.getFileName()));
			}
		}
		Path intake = routes.resolve("intake.camel.yaml");
		String edited = Files.readString(intake).replace("ref: clerk\n", "ref: clerkk\n");
		Files.writeString(intake, edited);
		int line = List.of(edited.split("\n", -1))
			.indexOf(edited.lines().filter(text -> text.contains("ref: clerkk")).findFirst().orElseThrow()) + 1;

		Guichets.pollingMailboxesOf(greenMail, List.of(Committee.ALICE), "KEEP")
			.set("camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml")
			.refused();

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The routes could not be loaded: " + routes.getFileName() + "/intake.camel.yaml:" + line + ": ")
			.contains("clerkk");
	}

}
