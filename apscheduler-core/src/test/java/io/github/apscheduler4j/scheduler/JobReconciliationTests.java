package io.github.apscheduler4j.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.executor.DirectJobExecutor;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.job.JobTarget;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.MemoryJobStore;
import io.github.apscheduler4j.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Scheduler#reconcileJob}: a declared job is compared with its stored form at each start. A restart is a new
 * scheduler on the same memory store, which outlives the scheduler that shut down, as a database does.
 */
class JobReconciliationTests {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final MutableClock clock = MutableClock.at(T0, UTC);
    private final MemoryJobStore store = new MemoryJobStore();
    private final List<SchedulerEvent> events = new CopyOnWriteArrayList<>();
    private final List<ManualScheduler> started = new ArrayList<>();

    @AfterEach
    void shutdownSchedulers() {
        started.stream().filter(Scheduler::isRunning).forEach(Scheduler::shutdown);
    }

    /** A started scheduler on {@code jobs}, as an application starting on its database. */
    private ManualScheduler startOn(JobStore jobs) {
        ManualScheduler scheduler = new ManualScheduler(SchedulerConfig.builder()
                .timezone(UTC)
                .clock(clock)
                .jobstore("default", jobs)
                .executor("default", new DirectJobExecutor())
                .build());
        scheduler.addListener(events::add);
        scheduler.start();
        started.add(scheduler);
        return scheduler;
    }

    private ManualScheduler start() {
        return startOn(store);
    }

    /** The application shuts down and starts again, the store keeping its jobs. */
    private ManualScheduler restart(ManualScheduler running) {
        running.shutdown();
        events.clear();
        return start();
    }

    /** A job declared as an {@code @ApsJob} declares it: by id, target reference and trigger arguments. */
    private static JobSpec.Builder declared(String id) {
        return JobSpec.builder(JobTarget.of("reports." + id, (args, kwargs) -> null)).id(id);
    }

    /** Every ten seconds, from ten seconds after its first start: the interval declares no start date. */
    private static JobSpec.Builder everyTenSeconds(String id) {
        return declared(id).trigger("interval", Map.of("seconds", 10));
    }

    private void advance(long seconds) {
        clock.advance(Duration.ofSeconds(seconds));
    }

    private static ZonedDateTime at(long secondsAfterT0) {
        return T0.plusSeconds(secondsAfterT0).atZone(UTC);
    }

    private <T extends SchedulerEvent> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void addsADeclaredJobThatIsNotStored() {
        ManualScheduler scheduler = start();

        assertThat(scheduler.reconcileJob(everyTenSeconds("tick").build())).isEqualTo(Reconciliation.ADDED);

        Job job = store.lookupJob("tick");
        assertThat(job.declared()).isTrue();
        assertThat(job.nextRunTime()).isEqualTo(at(10));
        assertThat(eventsOf(SchedulerEvent.JobAdded.class)).singleElement()
                .satisfies(added -> assertThat(added.jobId()).isEqualTo("tick"));
    }

    @Test
    void leavesAStoredJobOfTheSameDefinitionExactlyAsStoredAndTheIntervalKeepsItsPhase() {
        ManualScheduler first = start();
        first.reconcileJob(everyTenSeconds("tick").build());
        advance(25);
        first.processJobs();
        Job beforeRestart = store.lookupJob("tick");
        assertThat(beforeRestart.nextRunTime()).isEqualTo(at(30));

        advance(3);
        ManualScheduler second = restart(first);

        assertThat(second.reconcileJob(everyTenSeconds("tick").build())).isEqualTo(Reconciliation.UNCHANGED);
        assertThat(store.lookupJob("tick")).as("next run time and version as stored, not 10 s after the restart")
                .isEqualTo(beforeRestart);
        assertThat(eventsOf(SchedulerEvent.JobAdded.class)).isEmpty();
        assertThat(eventsOf(SchedulerEvent.JobModified.class)).isEmpty();
    }

    @Test
    void runsMissedWhileDownAreHandledAsForAnyStoredJob() {
        ManualScheduler first = start();
        first.reconcileJob(everyTenSeconds("tick").coalesce(true).misfireGraceTime(null).build());
        advance(45);
        ManualScheduler second = restart(first);
        second.reconcileJob(everyTenSeconds("tick").coalesce(true).misfireGraceTime(null).build());

        second.processJobs();

        assertThat(eventsOf(SchedulerEvent.JobExecuted.class)).extracting(SchedulerEvent.JobExecuted::scheduledRunTime)
                .as("the missed runs of 10, 20, 30 and 40 s, coalesced").containsExactly(at(40));
        assertThat(store.lookupJob("tick").nextRunTime()).isEqualTo(at(50));
    }

    @Test
    void updatesAChangedDefinitionKeepingTheNextRunTime() {
        ManualScheduler first = start();
        first.reconcileJob(everyTenSeconds("tick").build());
        Job beforeRestart = store.lookupJob("tick");
        advance(5);
        ManualScheduler second = restart(first);

        Reconciliation outcome = second.reconcileJob(everyTenSeconds("tick").name("Tick").args("fast")
                .kwargs(Map.of("loud", true)).coalesce(false).maxInstances(3).misfireGraceTime(Duration.ofMinutes(1))
                .build());

        assertThat(outcome).isEqualTo(Reconciliation.UPDATED);
        Job updated = store.lookupJob("tick");
        assertThat(updated.name()).isEqualTo("Tick");
        assertThat(updated.args()).containsExactly("fast");
        assertThat(updated.kwargs()).containsEntry("loud", true);
        assertThat(updated.coalesce()).isFalse();
        assertThat(updated.maxInstances()).isEqualTo(3);
        assertThat(updated.misfireGraceTime()).isEqualTo(Duration.ofMinutes(1));
        assertThat(updated.trigger()).isEqualTo(beforeRestart.trigger());
        assertThat(updated.nextRunTime()).isEqualTo(at(10));
        assertThat(updated.version()).isEqualTo(beforeRestart.version() + 1);
        assertThat(eventsOf(SchedulerEvent.JobModified.class)).singleElement()
                .satisfies(modified -> assertThat(modified.jobId()).isEqualTo("tick"));
    }

    @Test
    void reschedulesAJobWhoseTriggerChangedFromNow() {
        ManualScheduler first = start();
        first.reconcileJob(everyTenSeconds("tick").build());
        advance(5);
        ManualScheduler second = restart(first);

        Reconciliation outcome = second.reconcileJob(declared("tick").trigger("interval", Map.of("seconds", 30)).build());

        assertThat(outcome).isEqualTo(Reconciliation.RESCHEDULED);
        Job rescheduled = store.lookupJob("tick");
        assertThat(rescheduled.trigger()).hasToString("interval[0:00:30]");
        assertThat(rescheduled.nextRunTime()).as("30 s from the restart").isEqualTo(at(35));
        assertThat(rescheduled.declared()).isTrue();
    }

    @Test
    void aPausedJobStaysPausedWhateverChanged() {
        ManualScheduler first = start();
        first.reconcileJob(everyTenSeconds("tick").build());
        first.pauseJob("tick", null);
        ManualScheduler second = restart(first);

        assertThat(second.reconcileJob(everyTenSeconds("tick").build())).isEqualTo(Reconciliation.UNCHANGED);
        assertThat(store.lookupJob("tick").isPaused()).isTrue();
        assertThat(second.reconcileJob(everyTenSeconds("tick").name("Tick").build()))
                .isEqualTo(Reconciliation.UPDATED);
        assertThat(store.lookupJob("tick").isPaused()).isTrue();
        assertThat(second.reconcileJob(declared("tick").name("Tick").trigger("cron", Map.of("hour", 3)).build()))
                .isEqualTo(Reconciliation.RESCHEDULED);
        assertThat(store.lookupJob("tick").isPaused()).isTrue();
        assertThat(store.lookupJob("tick").trigger().type()).isEqualTo("cron");

        second.resumeJob("tick", null);
        assertThat(store.lookupJob("tick").nextRunTime()).isEqualTo(ZonedDateTime.of(2026, 1, 1, 3, 0, 0, 0, UTC));
    }

    @Test
    void marksAJobOfTheSameDefinitionAddedBeforeAsDeclaredKeepingItsSchedule() {
        ManualScheduler first = start();
        first.addJob(everyTenSeconds("tick").build());
        assertThat(store.lookupJob("tick").declared()).isFalse();
        advance(5);
        ManualScheduler second = restart(first);

        assertThat(second.reconcileJob(everyTenSeconds("tick").build())).isEqualTo(Reconciliation.UPDATED);

        assertThat(store.lookupJob("tick").declared()).isTrue();
        assertThat(store.lookupJob("tick").nextRunTime()).isEqualTo(at(10));
        assertThat(second.reconcileJob(everyTenSeconds("tick").build())).isEqualTo(Reconciliation.UNCHANGED);
    }

    @Test
    void aJobWithoutTriggerIsWrittenToRunNowAtEachStart() {
        ManualScheduler first = start();
        assertThat(first.reconcileJob(declared("warm-up").build())).isEqualTo(Reconciliation.ADDED);
        assertThat(store.lookupJob("warm-up").nextRunTime()).isEqualTo(at(0));
        first.processJobs();
        assertThat(store.lookupJob("warm-up")).as("ran, and its trigger has no more fire times").isNull();

        advance(60);
        ManualScheduler second = restart(first);
        assertThat(second.reconcileJob(declared("warm-up").build())).isEqualTo(Reconciliation.ADDED);
        second.processJobs();
        assertThat(eventsOf(SchedulerEvent.JobExecuted.class)).extracting(SchedulerEvent.JobExecuted::scheduledRunTime)
                .containsExactly(at(60));

        second.reconcileJob(declared("late").build());
        second.pauseJob("late", null);
        advance(1);
        assertThat(second.reconcileJob(declared("late").build())).as("written again, still paused")
                .isEqualTo(Reconciliation.RESCHEDULED);
        assertThat(store.lookupJob("late").isPaused()).isTrue();
    }

    @Test
    void convergesWhenAnotherInstanceAddsTheJobFirst() {
        ManualScheduler other = start();
        RacingStore racing = new RacingStore(store);
        ManualScheduler scheduler = startOn(racing);
        // the other instance's clock is a second behind: its interval starts a second earlier than ours would
        racing.beforeNextWrite(() -> {
            clock.set(T0.minusSeconds(1));
            other.reconcileJob(everyTenSeconds("tick").build());
            clock.set(T0);
        });

        assertThat(scheduler.reconcileJob(everyTenSeconds("tick").build())).isEqualTo(Reconciliation.UNCHANGED);

        assertThat(racing.lostWrites).as("our add lost to theirs").isEqualTo(1);
        assertThat(store.lookupJob("tick").version()).isEqualTo(1);
        assertThat(store.lookupJob("tick").nextRunTime()).isEqualTo(at(9));
    }

    @Test
    void convergesWhenAnotherInstanceUpdatesTheJobFirst() {
        ManualScheduler first = start();
        first.reconcileJob(everyTenSeconds("tick").build());
        ManualScheduler other = restart(first);
        RacingStore racing = new RacingStore(store);
        ManualScheduler scheduler = startOn(racing);
        JobSpec changed = declared("tick").trigger("interval", Map.of("seconds", 30)).build();
        advance(2);
        racing.beforeNextWrite(() -> other.reconcileJob(changed));

        assertThat(scheduler.reconcileJob(changed)).isEqualTo(Reconciliation.UNCHANGED);

        assertThat(racing.lostWrites).as("our update lost to theirs").isEqualTo(1);
        assertThat(store.lookupJob("tick").version()).as("added, then updated once").isEqualTo(2);
        assertThat(store.lookupJob("tick").nextRunTime()).isEqualTo(at(32));
    }

    @Test
    void twoSchedulersReconcilingAtOnceOnOneStoreConvergeOnOneJob() throws Exception {
        ManualScheduler one = start();
        ManualScheduler two = start();

        assertThat(race(one, two, everyTenSeconds("tick").build()))
                .containsExactlyInAnyOrder(Reconciliation.ADDED, Reconciliation.UNCHANGED);
        assertThat(race(one, two, declared("tick").trigger("cron", Map.of("minute", 7)).build()))
                .containsExactlyInAnyOrder(Reconciliation.RESCHEDULED, Reconciliation.UNCHANGED);

        assertThat(store.allJobs()).singleElement().satisfies(job -> {
            assertThat(job.version()).isEqualTo(2);
            assertThat(job.nextRunTime()).isEqualTo(at(420));
        });
    }

    private static List<Reconciliation> race(Scheduler one, Scheduler two, JobSpec spec) throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        Callable<Reconciliation> reconcile1 = () -> {
            together.await(10, TimeUnit.SECONDS);
            return one.reconcileJob(spec);
        };
        Callable<Reconciliation> reconcile2 = () -> {
            together.await(10, TimeUnit.SECONDS);
            return two.reconcileJob(spec);
        };
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Reconciliation> outcomes = new ArrayList<>();
            for (Future<Reconciliation> outcome : threads.invokeAll(List.of(reconcile1, reconcile2))) {
                outcomes.add(outcome.get());
            }
            return outcomes;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void refusesASpecWithoutIdAndAStoppedScheduler() {
        ManualScheduler stopped = new ManualScheduler(SchedulerConfig.builder().timezone(UTC).clock(clock).build());

        assertThatThrownBy(() -> start().reconcileJob(JobSpec.builder("reports.nightly").trigger("cron",
                Map.of("hour", 3)).build())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs an id").hasMessageContaining("reports.nightly");
        assertThatThrownBy(() -> stopped.reconcileJob(everyTenSeconds("tick").build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Scheduler is not running: start it before reconciling job 'tick'");
    }

    @Test
    void refusesAJobNamingAnUnknownExecutorOrStoreWritingNothing() {
        ManualScheduler scheduler = start();

        assertThatThrownBy(() -> scheduler.reconcileJob(everyTenSeconds("tick").executor("reports").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'reports'")
                .hasMessageContaining("'tick'");
        assertThatThrownBy(() -> scheduler.reconcileJob(everyTenSeconds("tick").jobstore("db").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'db'");
        assertThat(store.allJobs()).isEmpty();
    }

    /**
     * A store that lets another instance write first, once: just before this scheduler's next add or update, so that
     * the write it based on its read loses, as it does when two instances start at once.
     */
    private static final class RacingStore extends ForwardingJobStore {

        private Runnable otherWrite;
        int lostWrites;

        RacingStore(MemoryJobStore shared) {
            super(shared);
        }

        void beforeNextWrite(Runnable write) {
            otherWrite = write;
        }

        private void write(Runnable ours) {
            Runnable theirs = otherWrite;
            otherWrite = null;
            if (theirs != null) {
                theirs.run();
            }
            try {
                ours.run();
            } catch (RuntimeException lost) {
                lostWrites++;
                throw lost;
            }
        }

        @Override
        public void addJob(Job job) {
            write(() -> memory.addJob(job));
        }

        @Override
        public void updateJob(Job job) {
            write(() -> memory.updateJob(job));
        }
    }
}
