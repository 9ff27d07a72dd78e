package guichet.signin;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; the form posts to Spring Security's own /login. */
@Controller
class SignInPage {

	@GetMapping("/login")
	String login(Model model) {
		model.addAttribute("maxFailures", SignInThrottle.MAX_FAILURES);
		model.addAttribute("pauseMinutes", SignInThrottle.PAUSE.toMinutes());
		return "login";
	}

	@GetMapping("/")
	String home() {
		return "redirect:/applications";
	}

}
