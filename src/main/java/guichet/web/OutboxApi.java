package guichet.web;

import java.util.List;
import java.util.Locale;

import guichet.outbox.Outbox;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/outbox (role ADMIN): the mail Guichet has not sent yet (PENDING) or gave up on
 * (FAILED), without bodies; {@code ?state=SENT} lists what was sent.
 */
@RestController
class OutboxApi {

	private static final List<String> STATES = List.of("PENDING", "FAILED", "SENT");

	private final Outbox outbox;

	OutboxApi(Outbox outbox) {
		this.outbox = outbox;
	}

	@GetMapping("/api/outbox")
	ResponseEntity<List<Outbox.Entry>> list(@RequestParam(required = false) List<String> state) {
		List<String> states = state == null || state.isEmpty() ? List.of("PENDING", "FAILED")
				: state.stream().map(value -> value.toUpperCase(Locale.ROOT)).toList();
		if (!STATES.containsAll(states)) {
			return ResponseEntity.badRequest().build();
		}
		return ResponseEntity.ok(outbox.list(states));
	}

}
