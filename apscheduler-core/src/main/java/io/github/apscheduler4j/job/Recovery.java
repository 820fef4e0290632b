package io.github.apscheduler4j.job;

import java.util.Locale;

/**
 * What happens to a fire whose instance died while running it (its lease ran out): APScheduler's at-most-once
 * ({@link #NONE}, the default), or at-least-once ({@link #RERUN}). Either way the fire ends with an outcome someone
 * can see.
 */
public enum Recovery {

    /** The fire is not run again: a live instance reports it abandoned (a WARN and a {@code JobAbandoned} event). */
    NONE,

    /** A live instance runs the fire again, once, as attempt 2; a job that must not run twice checks its fire id. */
    RERUN;

    /** The word used in configuration and stored state: {@code none} or {@code rerun}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the value and the words there are */
    public static Recovery of(String word) {
        for (Recovery recovery : values()) {
            if (recovery.word().equalsIgnoreCase(word == null ? "" : word.trim())) {
                return recovery;
            }
        }
        throw new IllegalArgumentException("recovery must be 'none' or 'rerun' but was '" + word + "'");
    }
}
