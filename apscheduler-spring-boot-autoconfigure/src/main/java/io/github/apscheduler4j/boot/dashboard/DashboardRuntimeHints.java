package io.github.apscheduler4j.boot.dashboard;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/** What a native image keeps for the dashboard: its files, and the views its API writes as JSON. */
public class DashboardRuntimeHints implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
        hints.resources().registerPattern("META-INF/apscheduler-dashboard/*");
        new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(),
                ApSchedulerDashboardController.JobsView.class, ApSchedulerDashboardController.JobView.class,
                ApSchedulerDashboardController.TimelineView.class, ApSchedulerDashboardController.SessionDescriptor.class,
                ApSchedulerDashboardController.MessageDescriptor.class);
    }
}
