package guichet.settings;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A settings file that is not valid YAML (a bad indentation, a tab) stops start-up with
 * its line, column and problem, instead of a parser's stack trace (CONTRACT §2). The
 * parser does not know which file it read; the action names where settings live.
 */
class YamlSyntaxFailureAnalyzer extends AbstractFailureAnalyzer<MarkedYAMLException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MarkedYAMLException cause) {
		Mark mark = cause.getProblemMark();
		String where = mark == null ? "" : " at line %d, column %d".formatted(mark.getLine() + 1, mark.getColumn() + 1);
		String problem = cause.getProblem() == null ? cause.getMessage() : cause.getProblem();
		return new FailureAnalysis("A settings file is not valid YAML%s: %s".formatted(where, problem),
				"Correct that line of config/application.yml (or of the file named by spring.config.location): "
						+ "indent with spaces, two per level, never tabs; then start Guichet again.",
				cause);
	}

}
