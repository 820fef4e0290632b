package io.github.apscheduler4j.executor;

import io.github.apscheduler4j.job.Job;

/** Runs each job on the thread that submits it (the scheduler's): for tests and debugging. */
public final class DirectJobExecutor extends AbstractJobExecutor {

    @Override
    protected void execute(Job job, Runnable run) {
        run.run();
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
