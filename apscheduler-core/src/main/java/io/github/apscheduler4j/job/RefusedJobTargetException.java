package io.github.apscheduler4j.job;

/**
 * A job target reference that the allowed job targets refuse ({@link AllowedJobTargets}): the message names the
 * reference and the rule. Thrown by {@code addJob}; a stored job whose target is refused is skipped and reported by each
 * instance that refuses it, and its row is left as it is.
 */
public class RefusedJobTargetException extends InvalidJobTargetException {

    private static final long serialVersionUID = 1L;

    public RefusedJobTargetException(String reference, String rule) {
        super("job target '" + reference + "' is refused: " + rule);
    }
}
