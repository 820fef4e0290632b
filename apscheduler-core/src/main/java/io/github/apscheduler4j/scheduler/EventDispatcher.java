package io.github.apscheduler4j.scheduler;

import io.github.apscheduler4j.event.EventMask;
import io.github.apscheduler4j.event.EventType;
import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.event.SchedulerListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands each event to the listeners whose mask takes it; a listener that throws is logged and skipped. */
final class EventDispatcher implements SchedulerListener {

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    private record Registration(SchedulerListener listener, EventMask mask) {
    }

    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
    // the event types some listener takes, as EventType bits
    private volatile int wanted;

    synchronized void add(SchedulerListener listener, EventMask mask) {
        registrations.add(new Registration(listener, mask));
        wanted |= mask.bits();
    }

    synchronized void remove(SchedulerListener listener) {
        registrations.removeIf(registration -> registration.listener() == listener);
        int bits = 0;
        for (Registration registration : registrations) {
            bits |= registration.mask().bits();
        }
        wanted = bits;
    }

    /** Whether a listener takes events of this type: the loop makes no event that nobody would receive. */
    boolean wants(EventType type) {
        return (wanted & type.bit()) != 0;
    }

    @Override
    public void onEvent(SchedulerEvent event) {
        for (Registration registration : registrations) {
            if (registration.mask().matches(event)) {
                try {
                    registration.listener().onEvent(event);
                } catch (RuntimeException e) {
                    log.error("Listener {} failed on {}", registration.listener(), event, e);
                }
            }
        }
    }
}
