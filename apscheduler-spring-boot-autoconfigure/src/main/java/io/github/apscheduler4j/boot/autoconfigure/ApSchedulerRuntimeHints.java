package io.github.apscheduler4j.boot.autoconfigure;

import io.github.apscheduler4j.boot.jobs.JobActionDescriptor;
import io.github.apscheduler4j.boot.jobs.JobDetailsDescriptor;
import io.github.apscheduler4j.boot.jobs.SchedulerDescriptor;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What a native image keeps for the scheduler: the JDBC stores' schema scripts and the Flyway and Liquibase migrations
 * made of them, and the descriptors the {@code apsjobs} endpoint writes as JSON (with the types they hold). The
 * dashboard's are {@code DashboardRuntimeHints}.
 */
public class ApSchedulerRuntimeHints implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
        hints.resources().registerPattern("io/github/apscheduler4j/jdbc/schema-*.sql");
        hints.resources().registerPattern("io/github/apscheduler4j/jdbc/migration/*/R__*.sql");
        hints.resources().registerPattern("io/github/apscheduler4j/jdbc/migration/changelog.yaml");
        new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), SchedulerDescriptor.class,
                JobDetailsDescriptor.class, JobActionDescriptor.class);
    }
}
