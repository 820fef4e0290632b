package io.github.apscheduler4j.scheduler;

import io.github.apscheduler4j.config.InvalidConfigurationException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Makes a scheduler by the name of its APScheduler counterpart ({@code apscheduler.scheduler: background}):
 *
 * <table>
 * <caption>Scheduler kinds</caption>
 * <tr><th>name</th><th>class</th><th>how the loop waits</th></tr>
 * <tr><td>{@code background}</td><td>{@link BackgroundScheduler}</td><td>a thread of its own sleeps</td></tr>
 * <tr><td>{@code blocking}</td><td>{@link BlockingScheduler}</td><td>the thread calling {@code start()} sleeps</td></tr>
 * <tr><td>{@code asyncio}</td><td>{@link AsyncScheduler}</td><td>tasks on an event loop of its own</td></tr>
 * <tr><td>{@code gevent}</td><td>{@link VirtualThreadScheduler}</td><td>a virtual thread sleeps; jobs on virtual threads</td></tr>
 * <tr><td>{@code tornado}, {@code twisted}</td><td>{@link EventLoopScheduler}</td><td>tasks on the given event loop</td></tr>
 * <tr><td>{@code qt}</td><td>{@link SwingScheduler}</td><td>{@code javax.swing.Timer} on the event-dispatch thread</td></tr>
 * </table>
 *
 * <p>A fully qualified class name names a subclass of {@link AbstractScheduler} with a public constructor taking a
 * {@link SchedulerConfig}.
 */
public final class Schedulers {

    public static final List<String> KINDS = List.of("background", "blocking", "asyncio", "gevent", "tornado",
            "twisted", "qt");

    private Schedulers() {
    }

    /**
     * @param eventLoop the event loop of {@code tornado} and {@code twisted}; {@code null} for one of their own
     * @throws InvalidConfigurationException (property {@code scheduler}) for an unknown name or one this JVM cannot run
     */
    public static AbstractScheduler create(String kind, SchedulerConfig config, ScheduledExecutorService eventLoop) {
        String name = kind == null ? "background" : kind.trim().toLowerCase(Locale.ROOT);
        try {
            return switch (name) {
                case "background" -> new BackgroundScheduler(config);
                case "blocking" -> new BlockingScheduler(config);
                case "asyncio", "async" -> new AsyncScheduler(config);
                case "gevent", "virtual" -> new VirtualThreadScheduler(config);
                case "tornado", "twisted", "event-loop", "eventloop" -> eventLoop == null
                        ? new EventLoopScheduler(config) : new EventLoopScheduler(config, eventLoop);
                case "qt", "swing" -> new SwingScheduler(config);
                default -> {
                    if (kind.indexOf('.') > 0) {
                        yield byClass(kind.trim(), config);
                    }
                    throw new InvalidConfigurationException("scheduler", kind, "unknown scheduler kind; known kinds: "
                            + String.join(", ", KINDS) + ", or the name of a class extending " + AbstractScheduler.class.getName());
                }
            };
        } catch (UnsupportedOperationException e) {
            throw new InvalidConfigurationException("scheduler", kind, e.getMessage(), e);
        }
    }

    private static AbstractScheduler byClass(String className, SchedulerConfig config) {
        Class<?> type;
        try {
            type = Class.forName(className, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new InvalidConfigurationException("scheduler", className, "class not found", e);
        }
        if (!AbstractScheduler.class.isAssignableFrom(type)) {
            throw new InvalidConfigurationException("scheduler", className, "does not extend " + AbstractScheduler.class.getName());
        }
        try {
            return (AbstractScheduler) type.getConstructor(SchedulerConfig.class).newInstance(config);
        } catch (NoSuchMethodException e) {
            throw new InvalidConfigurationException("scheduler", className, "needs a public constructor taking a SchedulerConfig");
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new InvalidConfigurationException("scheduler", className, "could not be created: " + cause.getMessage(), cause);
        }
    }
}
