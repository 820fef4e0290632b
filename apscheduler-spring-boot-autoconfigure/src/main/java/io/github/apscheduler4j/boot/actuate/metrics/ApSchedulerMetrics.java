package io.github.apscheduler4j.boot.actuate.metrics;

import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.event.SchedulerListener;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.github.apscheduler4j.store.JobCounts;
import io.github.apscheduler4j.store.JobStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.search.Search;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scheduler's meters: {@code apscheduler.job.executions} (a timer of runs, tagged {@code job} and {@code outcome}
 * success or error), {@code apscheduler.job.misfires} (runs missed past their grace time, tagged {@code job}),
 * {@code apscheduler.job.lateness} (how long after its scheduled time a run started, tagged {@code job}),
 * {@code apscheduler.job.retries} (retries of failed runs, counted when scheduled, tagged {@code job}),
 * {@code apscheduler.job.abandoned} (runs whose instance died and that are not run again, tagged {@code job}), the
 * {@code apscheduler.jobs} gauge (jobs per {@code store} and {@code state}, scheduled or paused) and the
 * {@code apscheduler.jobs.not.runnable.here} gauge (due jobs this instance skips, as it cannot run them).
 *
 * <p>The {@code job} tag takes the bounded values of {@link JobTags}, and a job's meters are removed with the job. The
 * jobs gauge reads {@link JobStore#countJobs()}, which counts without decoding a job, at most once per store every
 * {@value #COUNTS_MAX_AGE_SECONDS} seconds however often the registry is scraped, and never under the scheduler's lock.
 */
public class ApSchedulerMetrics implements MeterBinder {

    static final long COUNTS_MAX_AGE_SECONDS = 5;
    // the meters whose job tag this binder or the run observation sets, and that go when their job goes
    private static final String JOB_METERS = "apscheduler.job.";

    private final Scheduler scheduler;
    private final JobTags jobTags;
    private final Clock clock;

    /** @param clock when counts were taken, to reuse them for {@value #COUNTS_MAX_AGE_SECONDS} seconds */
    public ApSchedulerMetrics(Scheduler scheduler, JobTags jobTags, Clock clock) {
        this.scheduler = scheduler;
        this.jobTags = jobTags;
        this.clock = clock;
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
        private final Map<String, TakenCounts> counts = new ConcurrentHashMap<>();

        Recorder(MeterRegistry registry, MultiGauge jobs) {
            this.registry = registry;
            this.jobs = jobs;
        }

        @Override
        public void onEvent(SchedulerEvent event) {
            if (event instanceof SchedulerEvent.JobExecuted e) {
                executed(e.jobId(), e.jobstore(), "success", e.duration(), e.scheduledRunTime(), e.started());
            } else if (event instanceof SchedulerEvent.JobError e) {
                executed(e.jobId(), e.jobstore(), "error", e.duration(), e.scheduledRunTime(), e.started());
            } else if (event instanceof SchedulerEvent.JobMissed e) {
                misfires(e.jobId(), e.jobstore(), 1);
            } else if (event instanceof SchedulerEvent.JobRunsMissed e) {
                misfires(e.jobId(), e.jobstore(), e.count());
            } else if (event instanceof SchedulerEvent.JobRetryScheduled e) {
                increment("apscheduler.job.retries", "Retries of failed runs, counted when scheduled", e.jobId(),
                        e.jobstore(), 1);
            } else if (event instanceof SchedulerEvent.JobAbandoned e) {
                increment("apscheduler.job.abandoned", "Runs whose instance died while running them and that are not"
                        + " run again (recovery none, or a rerun already spent)", e.jobId(), e.jobstore(), 1);
            } else if (event instanceof SchedulerEvent.JobAdded e) {
                jobTags.added(e.jobId());
            } else if (event instanceof SchedulerEvent.JobRemoved e) {
                jobTags.removed(e.jobId(), this::removeMeters);
            } else if (event instanceof SchedulerEvent.AllJobsRemoved e) {
                jobTags.allRemoved(e.jobstore(), this::removeMeters);
            } else if (event instanceof SchedulerEvent.SchedulerStarted || event instanceof SchedulerEvent.JobStoreAdded
                    || event instanceof SchedulerEvent.JobStoreRemoved) {
                // the stores may have changed: the default store, for one, is made when the scheduler starts
                registerJobGauges();
            }
        }

        private void removeMeters(String jobTag) {
            for (Meter meter : Search.in(registry).tag("job", jobTag).meters()) {
                if (meter.getId().getName().startsWith(JOB_METERS)) {
                    registry.remove(meter);
                }
            }
        }

        private void misfires(String jobId, String jobstore, long count) {
            increment("apscheduler.job.misfires", "Runs not started because they were later than the job's misfire"
                    + " grace time, or too many came due at once", jobId, jobstore, count);
        }

        private void increment(String name, String description, String jobId, String jobstore, long count) {
            jobTags.record(jobId, jobstore, job -> Counter.builder(name).description(description).tag("job", job)
                    .register(registry).increment(count));
        }

        private void executed(String jobId, String jobstore, String outcome, Duration duration,
                ZonedDateTime scheduled, ZonedDateTime started) {
            jobTags.record(jobId, jobstore, job -> executed(job, outcome, duration, scheduled, started));
        }

        private void executed(String job, String outcome, Duration duration, ZonedDateTime scheduled,
                ZonedDateTime started) {
            Timer.builder("apscheduler.job.executions")
                    .description("Runs of jobs, by outcome")
                    .tags("job", job, "outcome", outcome)
                    .register(registry)
                    .record(duration);
            // a run started on demand has no scheduled time, so it cannot be late
            if (scheduled != null && started != null) {
                Duration lateness = Duration.between(scheduled, started);
                Timer.builder("apscheduler.job.lateness")
                        .description("How long after its scheduled time a run started")
                        .tag("job", job)
                        .register(registry)
                        .record(lateness.isNegative() ? Duration.ZERO : lateness);
            }
        }

        void registerJobGauges() {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (String store : scheduler.jobStores().keySet()) {
                rows.add(MultiGauge.Row.of(Tags.of("store", store, "state", "scheduled"), this,
                        recorder -> recorder.counts(store).scheduled()));
                rows.add(MultiGauge.Row.of(Tags.of("store", store, "state", "paused"), this,
                        recorder -> recorder.counts(store).paused()));
            }
            jobs.register(rows, true);
        }

        /** The store's counts, taken again when older than the maximum age; a store removed meanwhile counts none. */
        private JobCounts counts(String alias) {
            Instant now = clock.instant();
            TakenCounts taken = counts.get(alias);
            if (taken != null && Duration.between(taken.at(), now).getSeconds() < COUNTS_MAX_AGE_SECONDS) {
                return taken.counts();
            }
            JobStore store = scheduler.jobStores().get(alias);
            JobCounts fresh = store == null ? new JobCounts(0, 0) : store.countJobs();
            counts.put(alias, new TakenCounts(fresh, now));
            return fresh;
        }
    }

    private record TakenCounts(JobCounts counts, Instant at) {
    }
}
