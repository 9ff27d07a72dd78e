package guichet.web;

import java.util.Map;

import guichet.digest.DigestClosed;
import guichet.digest.Digests;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * POST /api/digest (CONTRACT §3, role ADMIN): closes the open digest period now; the
 * outbox sends the digest.
 */
@RestController
class DigestApi {

	private final Digests digests;

	DigestApi(Digests digests) {
		this.digests = digests;
	}

	/**
	 * 202: the digest is stored and will be sent within seconds, or retried if the mail
	 * server is down.
	 */
	@PostMapping("/api/digest")
	ResponseEntity<Map<String, Integer>> sendNow() {
		DigestClosed closed = digests.closeNow();
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("applications", closed.applications()));
	}

}
