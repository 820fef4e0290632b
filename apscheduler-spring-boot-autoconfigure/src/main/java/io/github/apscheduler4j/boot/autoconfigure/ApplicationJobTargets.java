package io.github.apscheduler4j.boot.autoconfigure;

import io.github.apscheduler4j.config.InvalidConfigurationException;
import io.github.apscheduler4j.job.AllowedJobTargets;
import io.github.apscheduler4j.scheduler.ComponentFactories;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;

/**
 * The job targets a Boot application allows: static targets in its packages ({@link AutoConfigurationPackages}) and
 * under {@code apscheduler.job-targets.allowed}; beans of the types that property names (besides {@code @ApsJob}
 * methods and {@code @ApsJobHolder} beans, which the bean resolver allows itself).
 */
record ApplicationJobTargets(AllowedJobTargets classes, AllowedJobTargets beanTypes) {

    static final String PROPERTY = "apscheduler.job-targets.allowed";

    /** @throws ApSchedulerConfigurationException naming the pattern that is not a package or class name */
    static ApplicationJobTargets of(BeanFactory beanFactory, ApSchedulerJobTargetsProperties properties,
            ClassLoader classLoader) {
        AllowedJobTargets beanTypes = patterns(properties.getAllowed(), classLoader);
        List<String> classes = new ArrayList<>(properties.getAllowed());
        if (AutoConfigurationPackages.has(beanFactory)) {
            classes.addAll(AutoConfigurationPackages.get(beanFactory));
        }
        return new ApplicationJobTargets(patterns(classes, classLoader), beanTypes);
    }

    private static AllowedJobTargets patterns(List<String> patterns, ClassLoader classLoader) {
        for (int i = 0; i < patterns.size(); i++) {
            try {
                AllowedJobTargets.of(List.of(patterns.get(i)));
            } catch (IllegalArgumentException e) {
                throw ApSchedulerConfigurationException.of(new InvalidConfigurationException(PROPERTY + "[" + i + "]",
                        patterns.get(i), "expected a package or class name (com.acme, com.acme.**, com.acme.Reports)"),
                        ComponentFactories.load(classLoader));
            }
        }
        return AllowedJobTargets.of(patterns);
    }

    void applyTo(SchedulerConfig.Builder builder) {
        builder.allowedJobTargets(classes);
    }
}
