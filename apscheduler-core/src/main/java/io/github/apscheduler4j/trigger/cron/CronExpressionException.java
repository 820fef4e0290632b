package io.github.apscheduler4j.trigger.cron;

/** A cron field or crontab string that cannot be parsed; the message names the field and the value. */
public final class CronExpressionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The longest message: an expression quoted in it may be as long as its source allowed. */
    static final int MAX_MESSAGE_LENGTH = 500;

    private final String field;

    public CronExpressionException(String field, String message) {
        super(message.length() <= MAX_MESSAGE_LENGTH ? message
                : message.substring(0, MAX_MESSAGE_LENGTH) + "... (" + message.length() + " characters)");
        this.field = field;
    }

    /** The APScheduler name of the field at fault ({@code hour}, {@code day_of_week}, ...). */
    public String field() {
        return field;
    }
}
