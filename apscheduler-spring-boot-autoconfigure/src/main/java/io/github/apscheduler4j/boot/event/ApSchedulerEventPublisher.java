package io.github.apscheduler4j.boot.event;

import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.event.SchedulerListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Publishes every scheduler event as a Spring application event whose payload is the {@link SchedulerEvent} record
 * itself, so that {@code @EventListener void on(SchedulerEvent.JobError error)} receives job failures. Listeners run
 * on the thread that caused the event (an executor's worker for job outcomes): keep them quick, or make them
 * {@code @Async}.
 */
public class ApSchedulerEventPublisher implements SchedulerListener {

    private final ApplicationEventPublisher publisher;

    public ApSchedulerEventPublisher(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void onEvent(SchedulerEvent event) {
        // a job that outlived the shutdown wait may still report once the context is closed
        if (publisher instanceof ConfigurableApplicationContext context && !context.isActive()) {
            return;
        }
        publisher.publishEvent(event);
    }
}
