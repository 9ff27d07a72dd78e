package guichet.startup;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuiltInBackgroundTests {

	@Test
	void buildsOnAThreadOfItsOwnAndHandsTheSameValueToEveryUser() throws Exception {
		var release = new CountDownLatch(1);
		var building = new CountDownLatch(1);
		var built = new BuiltInBackground<>("test value", () -> {
			building.countDown();
			await(release);
			return new StringBuilder(Thread.currentThread().getName());
		});

		// the constructor returned while the build is still running
		assertThat(building.await(5, TimeUnit.SECONDS)).isTrue();
		release.countDown();

		assertThat(built.get().toString()).isEqualTo("build-test-value");
		assertThat(built.get()).isSameAs(built.get());
	}

	@Test
	void aFailedBuildIsThrownToEachUserWithWhatFailed() {
		var built = new BuiltInBackground<String>("language models", () -> {
			throw new OutOfMemoryError("Java heap space");
		});

		for (int i = 0; i < 2; i++) {
			assertThatThrownBy(built::get).isInstanceOf(IllegalStateException.class)
				.hasMessage("language models could not be built")
				.hasRootCauseInstanceOf(OutOfMemoryError.class);
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
