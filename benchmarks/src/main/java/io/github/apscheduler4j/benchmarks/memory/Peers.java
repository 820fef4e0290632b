package io.github.apscheduler4j.benchmarks.memory;

import io.github.apscheduler4j.event.EventMask;
import io.github.apscheduler4j.event.EventType;
import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.executor.ThreadPoolJobExecutor;
import io.github.apscheduler4j.job.JobDefaults;
import io.github.apscheduler4j.scheduler.BackgroundScheduler;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import java.time.ZoneId;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** The in-memory schedulers as the benchmarks set them up: each with {@code workers} threads running jobs. */
final class Peers {

    static final ZoneId UTC = ZoneId.of("UTC");
    private static final AtomicInteger QUARTZ_SCHEDULERS = new AtomicInteger();

    private Peers() {
    }

    /**
     * This project's background scheduler with a thread pool of {@code workers} and the memory store, calling
     * {@code executed} with each executed event's job id. No misfire grace time: a run is never dropped as late
     * (APScheduler's default of 1 s would drop the late part of a 100,000-job backlog; Spring has none, and the
     * runs never come near Quartz's 60 s misfire threshold).
     */
    static BackgroundScheduler apscheduler(int workers, Consumer<SchedulerEvent> executed) {
        BackgroundScheduler scheduler = new BackgroundScheduler(SchedulerConfig.builder()
                .timezone(UTC)
                .executor("default", new ThreadPoolJobExecutor(workers))
                .jobDefaults(JobDefaults.APSCHEDULER.withMisfireGraceTime(null))
                .build());
        if (executed != null) {
            scheduler.addListener(executed::accept, EventMask.of(EventType.JOB_EXECUTED));
        }
        return scheduler;
    }

    /** Quartz with its RAMJobStore and a thread pool of {@code workers}, in standby until started. */
    static Scheduler quartzRam(int workers) {
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", "bench-ram-" + QUARTZ_SCHEDULERS.incrementAndGet());
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        properties.setProperty("org.quartz.threadPool.threadCount", Integer.toString(workers));
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        try {
            return new StdSchedulerFactory(properties).getScheduler();
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Spring's task scheduler with a pool of {@code workers}. */
    static ThreadPoolTaskScheduler spring(int workers) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(workers);
        scheduler.setThreadNamePrefix("spring-bench-");
        scheduler.initialize();
        return scheduler;
    }

    /** What every Quartz job of the benchmarks runs: hands the job's data to the hook the running benchmark set. */
    public static final class QuartzJob implements Job {
        static volatile Consumer<JobExecutionContext> hook = context -> { };

        @Override
        public void execute(JobExecutionContext context) {
            hook.accept(context);
        }
    }
}
