package io.github.apscheduler4j.scheduler;

/**
 * Runs the processing loop on a thread of its own: APScheduler's {@code BackgroundScheduler}, for
 * applications (and Spring Boot) that go on with their own work.
 */
public class BackgroundScheduler extends AbstractScheduler {

    private volatile Thread thread;

    public BackgroundScheduler() {
        this(SchedulerConfig.defaults());
    }

    public BackgroundScheduler(SchedulerConfig config) {
        super(config);
    }

    @Override
    protected void startLoop() {
        Thread loop = new Thread(this::runLoop, "apscheduler");
        loop.setDaemon(config().daemon());
        thread = loop;
        loop.start();
    }

    @Override
    protected void stopLoop() {
        Thread loop = thread;
        thread = null;
        if (loop != null && loop != Thread.currentThread()) {
            try {
                loop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
