package io.github.apscheduler4j.job;

/** A job target reference that names no usable class, method or bean; the message says which and why. */
public class InvalidJobTargetException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidJobTargetException(String message) {
        super(message);
    }

    public InvalidJobTargetException(String message, Throwable cause) {
        super(message, cause);
    }
}
