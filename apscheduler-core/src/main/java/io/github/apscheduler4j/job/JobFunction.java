package io.github.apscheduler4j.job;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** The code a job runs, given the job's positional and keyword arguments. */
@FunctionalInterface
public interface JobFunction {

    /**
     * Runs the job once.
     *
     * @return the job's result (reported in the executed event), or {@code null}
     */
    Object invoke(List<Object> args, Map<String, Object> kwargs) throws Exception;

    static JobFunction of(Runnable runnable) {
        return (args, kwargs) -> {
            runnable.run();
            return null;
        };
    }

    static JobFunction of(Callable<?> callable) {
        return (args, kwargs) -> callable.call();
    }
}
