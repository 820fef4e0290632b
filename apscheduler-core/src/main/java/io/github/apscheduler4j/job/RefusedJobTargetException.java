package io.github.apscheduler4j.job;

/**
 * A job target reference that the allowed job targets refuse ({@link AllowedJobTargets}): the message names the
 * reference and the rule. Thrown by {@code addJob}; a stored job whose target is refused is skipped and reported by each
 * instance that refuses it, and its row is left as it is.
 */
public class RefusedJobTargetException extends InvalidJobTargetException {

    private static final long serialVersionUID = 1L;

    /** How much of a reference a message repeats: a stored row may hold megabytes there. */
    static final int SHOWN_LENGTH = 200;

    public RefusedJobTargetException(String reference, String rule) {
        super("job target '" + shown(reference) + "' is refused: " + rule);
    }

    static String shown(String reference) {
        return reference.length() <= SHOWN_LENGTH ? reference
                : reference.substring(0, SHOWN_LENGTH) + "... (" + reference.length() + " characters)";
    }
}
