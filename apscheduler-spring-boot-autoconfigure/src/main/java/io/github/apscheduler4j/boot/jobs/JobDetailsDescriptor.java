package io.github.apscheduler4j.boot.jobs;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Map;

/**
 * A job in full: the job (written as fields of this object, as the endpoint always has), its arguments and its last
 * runs.
 *
 * @param args the positional arguments as the job holds them: whoever shows them decides what to hide, as the
 *     endpoint does with Boot's sanitizer
 * @param kwargs the keyword arguments, likewise
 * @param runs the last runs, newest first
 */
public record JobDetailsDescriptor(@JsonUnwrapped JobDescriptor job, List<Object> args, Map<String, Object> kwargs,
        List<JobRunDescriptor> runs) {
}
