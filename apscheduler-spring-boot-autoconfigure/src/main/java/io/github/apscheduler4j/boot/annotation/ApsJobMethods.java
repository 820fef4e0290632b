package io.github.apscheduler4j.boot.annotation;

import io.github.apscheduler4j.annotation.ApsJob;
import io.github.apscheduler4j.annotation.ApsJobs;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;

/** Finds the methods of a class that declare jobs with {@link ApsJob}: when beans are made, and ahead of time. */
final class ApsJobMethods {

    private ApsJobMethods() {
    }

    /** Each {@code @ApsJob} method of {@code type} with its annotations (several when repeated); empty when none. */
    static Map<Method, Set<ApsJob>> of(Class<?> type) {
        if (!AnnotationUtils.isCandidateClass(type, List.of(ApsJob.class, ApsJobs.class))) {
            return Map.of();
        }
        return MethodIntrospector.selectMethods(type, (MethodIntrospector.MetadataLookup<Set<ApsJob>>) method -> {
            Set<ApsJob> jobs = AnnotatedElementUtils.getMergedRepeatableAnnotations(method, ApsJob.class,
                    ApsJobs.class);
            return jobs.isEmpty() ? null : jobs;
        });
    }
}
