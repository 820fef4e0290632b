package io.github.apscheduler4j.boot.annotation;

/**
 * What becomes, at start, of a stored job that an {@code @ApsJob} declared earlier and none declares now (its method,
 * or the annotation, is gone, or it names another id or store): {@code apscheduler.declared-jobs.orphans}.
 */
public enum OrphanPolicy {

    /** The job stays as stored, running as before; a WARN at each start names it and this setting. */
    KEEP,

    /** The job is paused, kept for a person to resume or remove. */
    PAUSE,

    /** The job is removed from its store. */
    REMOVE
}
