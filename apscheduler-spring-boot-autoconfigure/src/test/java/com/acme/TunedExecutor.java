package com.acme;

import io.github.apscheduler4j.executor.AbstractJobExecutor;
import java.util.List;
import java.util.Map;

/** An executor class of an application's own, made from configuration with the options it was given. */
public final class TunedExecutor extends AbstractJobExecutor {

    private final Map<String, Object> options;

    public TunedExecutor(Map<String, Object> options) {
        this.options = Map.copyOf(options);
    }

    public Map<String, Object> options() {
        return options;
    }

    @Override
    protected void execute(List<Runnable> runs) {
        runs.forEach(Runnable::run);
    }

    @Override
    public void shutdown(boolean wait) {
        // runs on the caller's thread: nothing left to stop
    }
}
