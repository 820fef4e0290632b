package io.github.apscheduler4j.job;

/**
 * Turns a job target's textual reference into the function to run: the counterpart of APScheduler's
 * {@code ref_to_obj}. The core resolves {@code com.acme.Reports::nightly} (a static method) and
 * {@code com.acme.Nightly} (a public class with a no-argument constructor); the Spring Boot starter
 * adds {@code bean:name.method}.
 *
 * <p>Implementations are thread safe.
 */
@FunctionalInterface
public interface JobTargetResolver {

    /**
     * Resolves {@code reference}.
     *
     * @return the function, or {@code null} when the reference is not of a form this resolver handles
     * @throws InvalidJobTargetException when the reference is of this resolver's form but names nothing usable
     */
    JobFunction resolve(String reference);

    /** This resolver, then {@code next} for references this one does not handle. */
    default JobTargetResolver orElse(JobTargetResolver next) {
        return reference -> {
            JobFunction function = resolve(reference);
            return function != null ? function : next.resolve(reference);
        };
    }

    /**
     * This resolver, remembering what each reference resolved to: finding a method among a class's public methods,
     * or a bean, costs more than the rest of making or reading a job. References that resolve to nothing or fail are
     * asked again each time (a bean or class may come later).
     */
    default JobTargetResolver remembering() {
        return this instanceof RememberingTargetResolver ? this : new RememberingTargetResolver(this);
    }
}
