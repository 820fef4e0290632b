package io.github.apscheduler4j.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Schedules a bean method as a job: APScheduler's {@code @scheduler.scheduled_job(...)} decorator. Has effect with
 * the Spring Boot starter ({@code apscheduler-spring-boot-starter}), which registers one job per annotation when
 * the application context is refreshed, replacing a stored job of the same id.
 *
 * <p>The trigger is {@link #trigger()} with the fields of that trigger type, or, when {@link #trigger()} is left
 * empty, the type the fields given imply: {@link #cron()} (a crontab string) or the cron fields
 * ({@link #year()} ... {@link #second()}) make a {@code cron} trigger, the interval fields ({@link #weeks()} ...
 * {@link #seconds()}) an {@code interval} trigger, {@link #runDate()} a {@code date} trigger. With no trigger the
 * job runs once, when the scheduler starts.
 *
 * <pre>{@code
 * @ApsJob(trigger = "cron", day = "1", minute = "20")
 * @ApsJob(cron = "0 3 * * mon-fri", timezone = "Europe/Berlin")
 * @ApsJob(minutes = "${reports.every-minutes:5}", jitter = "10")
 * void refresh() { ... }
 * }</pre>
 *
 * <p>Every value is a string so that {@code ${...}} placeholders resolve; an empty string means "not given": the
 * trigger's default, or the scheduler's {@code job_defaults}. The job's positional {@link #args()} and keyword
 * {@link #kwargs()} are passed to the method's parameters; a parameter of type
 * {@code io.github.apscheduler4j.job.JobContext} receives the identity of the fire the run is instead.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(ApsJobs.class)
public @interface ApsJob {

    /** The job's id; defaults to {@code beanName.methodName} (with {@code -2}, {@code -3}... for repeated annotations). */
    String id() default "";

    /** The job's name as shown in listings; defaults to its target reference. */
    String name() default "";

    /** The trigger type: {@code cron}, {@code interval}, {@code date} or another alias; inferred from the fields when empty. */
    String trigger() default "";

    /** A 5-field crontab string ({@code minute hour day month day_of_week}, Sunday = 0), e.g. {@code "*&#47;5 * * * *"}. */
    String cron() default "";

    /** Cron field: 4-digit year. */
    String year() default "";

    /** Cron field: month, 1-12 or {@code jan}-{@code dec}. */
    String month() default "";

    /** Cron field: day of month, 1-31, or {@code last}, {@code 1st mon}... */
    String day() default "";

    /** Cron field: ISO week, 1-53. */
    String week() default "";

    /** Cron field: day of week, 0-6 with Monday = 0, or {@code mon}-{@code sun}. */
    String dayOfWeek() default "";

    /** Cron field: hour, 0-23. */
    String hour() default "";

    /** Cron field: minute, 0-59. */
    String minute() default "";

    /** Cron field: second, 0-59. */
    String second() default "";

    /** Interval field: number of weeks. */
    String weeks() default "";

    /** Interval field: number of days. */
    String days() default "";

    /** Interval field: number of hours. */
    String hours() default "";

    /** Interval field: number of minutes. */
    String minutes() default "";

    /** Interval field: number of seconds. */
    String seconds() default "";

    /** Date trigger: when to run, ISO-8601 ({@code 2030-01-01T09:30:00}, in the job's time zone unless it has an offset). */
    String runDate() default "";

    /** Cron or interval: the earliest possible fire time, ISO-8601. */
    String startDate() default "";

    /** Cron or interval: the latest possible fire time, ISO-8601. */
    String endDate() default "";

    /** The trigger's time zone (a region such as {@code Europe/Berlin}); defaults to the scheduler's. */
    String timezone() default "";

    /** Delays each fire time by a random amount up to this many seconds. */
    String jitter() default "";

    /** The alias of the store to keep the job in; defaults to {@code default}. */
    String jobstore() default "";

    /** The alias of the executor to run the job; defaults to {@code default}. */
    String executor() default "";

    /** {@code true} or {@code false}: whether missed runs are rolled into one; defaults to {@code job_defaults.coalesce}. */
    String coalesce() default "";

    /** How many runs of the job may be under way at once; defaults to {@code job_defaults.max_instances}. */
    String maxInstances() default "";

    /**
     * How late a run may start, in seconds ({@code 30}) or as a duration ({@code 30s}, {@code PT1M}); {@code none}
     * for no limit; defaults to {@code job_defaults.misfire_grace_time}.
     */
    String misfireGraceTime() default "";

    /**
     * What becomes of a fire whose instance died while running it: {@code none} (it is reported abandoned, not run
     * again: at most once) or {@code rerun} (a live instance runs it again, once: at least once); defaults to
     * {@code job_defaults.recovery}.
     */
    String recovery() default "";

    /** How many times a run that failed is tried again, 0 or more; defaults to {@code job_defaults.retries}. */
    String retries() default "";

    /**
     * The wait before a failed run's first retry, in seconds ({@code 10}) or as a duration ({@code 10s},
     * {@code PT1M}); each later retry waits twice as long, at most an hour, with jitter; defaults to
     * {@code job_defaults.retry_backoff}.
     */
    String retryBackoff() default "";

    /** Positional arguments, passed to the method's first parameters (converted to their types). */
    String[] args() default {};

    /** Keyword arguments as {@code name=value}, passed to the parameters of those names. */
    String[] kwargs() default {};
}
