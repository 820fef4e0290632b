package io.github.apscheduler4j.boot.autoconfigure;

import io.github.apscheduler4j.boot.annotation.InvalidApsJobException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Explains a start-up stopped by bad scheduler configuration: an {@code apscheduler.*} property (naming it and, for
 * a {@code type}, the known types) or an {@code @ApsJob} annotation (naming the method and the attribute at fault).
 */
public class ApSchedulerConfigurationFailureAnalyzer implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApSchedulerConfigurationException e) {
                return new FailureAnalysis(e.getMessage(), e.action(), e);
            }
            if (cause instanceof InvalidApsJobException e) {
                return new FailureAnalysis(e.getMessage(), "Fix the @ApsJob annotation of " + e.method() + ".", e);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
