package io.github.apscheduler4j.boot.actuate.metrics;

import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.event.SchedulerListener;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The scheduler's meters: {@code apscheduler.job.executions} (a timer of runs, tagged {@code job} and {@code outcome}
 * success or error), {@code apscheduler.job.misfires} (runs missed past their grace time, tagged {@code job}),
 * {@code apscheduler.job.lateness} (how long after its scheduled time a run started, tagged {@code job}),
 * {@code apscheduler.job.retries} (retries of failed runs, counted when scheduled, tagged {@code job}),
 * {@code apscheduler.job.abandoned} (runs whose instance died and that are not run again, tagged {@code job}), the
 * {@code apscheduler.jobs} gauge (jobs per {@code store} and {@code state}, scheduled or paused) and the
 * {@code apscheduler.jobs.not.runnable.here} gauge (due jobs this instance skips, as it cannot run them).
 */
public class ApSchedulerMetrics implements MeterBinder {

    private final Scheduler scheduler;

    public ApSchedulerMetrics(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        MultiGauge jobs = MultiGauge.builder("apscheduler.jobs")
                .description("Jobs in each store, scheduled or paused")
                .register(registry);
        Gauge.builder("apscheduler.jobs.not.runnable.here", scheduler, s -> s.jobsNotRunnableHere().size())
                .description("Due jobs this instance skips because it cannot run them (a target or an executor it"
                        + " lacks); instances that can, run them")
                .register(registry);
        Recorder recorder = new Recorder(registry, jobs);
        recorder.registerJobGauges();
        scheduler.addListener(recorder);
    }

    /** Records the scheduler's events into one registry. */
    private final class Recorder implements SchedulerListener {

        private final MeterRegistry registry;
        private final MultiGauge jobs;

        Recorder(MeterRegistry registry, MultiGauge jobs) {
            this.registry = registry;
            this.jobs = jobs;
        }

        @Override
        public void onEvent(SchedulerEvent event) {
            if (event instanceof SchedulerEvent.JobExecuted e) {
                executed(e.jobId(), "success", e.duration(), e.scheduledRunTime(), e.started());
            } else if (event instanceof SchedulerEvent.JobError e) {
                executed(e.jobId(), "error", e.duration(), e.scheduledRunTime(), e.started());
            } else if (event instanceof SchedulerEvent.JobMissed e) {
                misfires(e.jobId(), 1);
            } else if (event instanceof SchedulerEvent.JobRunsMissed e) {
                misfires(e.jobId(), e.count());
            } else if (event instanceof SchedulerEvent.JobRetryScheduled e) {
                increment("apscheduler.job.retries", "Retries of failed runs, counted when scheduled", e.jobId(), 1);
            } else if (event instanceof SchedulerEvent.JobAbandoned e) {
                increment("apscheduler.job.abandoned", "Runs whose instance died while running them and that are not"
                        + " run again (recovery none, or a rerun already spent)", e.jobId(), 1);
            } else if (event instanceof SchedulerEvent.SchedulerStarted || event instanceof SchedulerEvent.JobStoreAdded
                    || event instanceof SchedulerEvent.JobStoreRemoved) {
                // the stores may have changed: the default store, for one, is made when the scheduler starts
                registerJobGauges();
            }
        }

        private void misfires(String jobId, long count) {
            increment("apscheduler.job.misfires", "Runs not started because they were later than the job's misfire"
                    + " grace time, or too many came due at once", jobId, count);
        }

        private void increment(String name, String description, String jobId, long count) {
            Counter.builder(name).description(description).tag("job", jobId).register(registry).increment(count);
        }

        private void executed(String jobId, String outcome, Duration duration, ZonedDateTime scheduled,
                ZonedDateTime started) {
            Timer.builder("apscheduler.job.executions")
                    .description("Runs of jobs, by outcome")
                    .tags("job", jobId, "outcome", outcome)
                    .register(registry)
                    .record(duration);
            // a run started on demand has no scheduled time, so it cannot be late
            if (scheduled != null && started != null) {
                Duration lateness = Duration.between(scheduled, started);
                Timer.builder("apscheduler.job.lateness")
                        .description("How long after its scheduled time a run started")
                        .tag("job", jobId)
                        .register(registry)
                        .record(lateness.isNegative() ? Duration.ZERO : lateness);
            }
        }

        void registerJobGauges() {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (String store : scheduler.jobStores().keySet()) {
                rows.add(MultiGauge.Row.of(Tags.of("store", store, "state", "scheduled"), scheduler,
                        s -> count(s, store, false)));
                rows.add(MultiGauge.Row.of(Tags.of("store", store, "state", "paused"), scheduler,
                        s -> count(s, store, true)));
            }
            jobs.register(rows, true);
        }
    }

    private static double count(Scheduler scheduler, String store, boolean paused) {
        return scheduler.getJobs(store).stream().filter(job -> job.isPaused() == paused).count();
    }
}
