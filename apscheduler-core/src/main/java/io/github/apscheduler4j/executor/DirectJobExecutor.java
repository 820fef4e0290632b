package io.github.apscheduler4j.executor;

import java.util.List;

/** Runs each job on the thread that submits it (the scheduler's): for tests and debugging. */
public final class DirectJobExecutor extends AbstractJobExecutor {

    @Override
    protected void execute(List<Runnable> runs) {
        runs.forEach(Runnable::run);
    }

    @Override
    public void shutdown(boolean wait) {
        // nothing runs outside the caller's thread
    }

    @Override
    public String toString() {
        return "DirectJobExecutor";
    }
}
