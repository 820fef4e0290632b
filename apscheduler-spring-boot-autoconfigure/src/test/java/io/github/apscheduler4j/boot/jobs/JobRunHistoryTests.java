package io.github.apscheduler4j.boot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apscheduler4j.event.SchedulerEvent;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobRunHistoryTests {

    private static final ZonedDateTime T0 = ZonedDateTime.parse("2026-01-01T00:00:00Z");

    @Test
    void keepsTheLastRunsOfEachJobNewestFirst() {
        JobRunHistory history = new JobRunHistory(2);
        for (int i = 0; i < 3; i++) {
            history.onEvent(executed("a", T0.plusMinutes(i)));
        }
        history.onEvent(executed("b", T0));
        assertThat(history.runs("a")).extracting(JobRun::scheduledRunTime).containsExactly(T0.plusMinutes(2),
                T0.plusMinutes(1));
        assertThat(history.runs("b")).hasSize(1);
        assertThat(history.runs("c")).isEmpty();
    }

    @Test
    void recordsErrorsMissesAndSkips() {
        JobRunHistory history = new JobRunHistory(10);
        history.onEvent(new SchedulerEvent.JobError("a", "default", T0, T0, Duration.ofMillis(5),
                new IllegalStateException("boom")));
        history.onEvent(new SchedulerEvent.JobMissed("a", "default", T0.plusMinutes(1), Duration.ofMinutes(3)));
        history.onEvent(new SchedulerEvent.JobMaxInstances("a", "default", List.of(T0.plusMinutes(2)), 1));
        assertThat(history.runs("a")).extracting(JobRun::outcome).containsExactly(JobRunOutcome.SKIPPED,
                JobRunOutcome.MISSED, JobRunOutcome.ERROR);
        assertThat(history.runs("a").get(2).error()).isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(history.runs("a").get(2).duration()).isEqualTo(Duration.ofMillis(5));
        assertThat(history.runs("a").get(0).started()).isNull();
    }

    @Test
    void recordsAnAbandonedRunNamingTheInstanceThatHeldIt() {
        JobRunHistory history = new JobRunHistory(10);
        history.onEvent(new SchedulerEvent.JobAbandoned("a", "default", T0, "web-2", 1));
        JobRun run = history.lastRun("a");
        assertThat(run.outcome()).isEqualTo(JobRunOutcome.ABANDONED);
        assertThat(run.scheduledRunTime()).isEqualTo(T0);
        assertThat(run.started()).isNull();
        assertThat(run.error()).isNull();
        assertThat(run.note()).isEqualTo("instance 'web-2' stopped renewing its lease while running attempt 1 (it died"
                + " or lost the store); not run again");
    }

    @Test
    void aFailedRunNotesTheRetryThatFollowsItInEitherOrder() {
        JobRunHistory history = new JobRunHistory(10);
        // as the scheduler reports them: the retry while it handles the failure, so first
        history.onEvent(retryScheduled("a", T0));
        history.onEvent(failed("a", T0));
        // the other way round
        history.onEvent(failed("b", T0));
        history.onEvent(retryScheduled("b", T0));
        for (String job : List.of("a", "b")) {
            assertThat(history.runs(job)).singleElement().satisfies(run -> {
                assertThat(run.outcome()).isEqualTo(JobRunOutcome.ERROR);
                assertThat(run.error()).isEqualTo("java.lang.IllegalStateException: boom");
                assertThat(run.note()).isEqualTo("attempt 2 follows from 2026-01-01T00:00:05Z");
            });
        }
        // the retry's failure, without a retry after it
        history.onEvent(failed("a", T0));
        assertThat(history.lastRun("a").note()).isNull();
    }

    @Test
    void aRetryNoteIsForItsOwnFireOnly() {
        JobRunHistory history = new JobRunHistory(10);
        history.onEvent(failed("a", T0));
        history.onEvent(retryScheduled("a", T0.plusMinutes(1)));
        history.onEvent(failed("a", T0.plusMinutes(2)));
        assertThat(history.runs("a")).extracting(JobRun::note).containsOnlyNulls();
        history.onEvent(failed("a", T0.plusMinutes(1)));
        assertThat(history.lastRun("a").note()).startsWith("attempt 2 follows from ");
    }

    @Test
    void forgetsRemovedJobs() {
        JobRunHistory history = new JobRunHistory(10);
        history.onEvent(executed("a", T0));
        history.onEvent(executed("b", T0));
        history.onEvent(new SchedulerEvent.JobRemoved("a", "default"));
        assertThat(history.runs("a")).isEmpty();
        assertThat(history.runs("b")).hasSize(1);
        history.onEvent(new SchedulerEvent.AllJobsRemoved(null));
        assertThat(history.runs("b")).isEmpty();
    }

    @Test
    void followsABoundedNumberOfJobs() {
        JobRunHistory history = new JobRunHistory(1);
        for (int i = 0; i <= JobRunHistory.MAX_JOBS; i++) {
            history.onEvent(executed("job" + i, T0));
        }
        assertThat(history.runs("job0")).isEmpty();
        assertThat(history.runs("job" + JobRunHistory.MAX_JOBS)).hasSize(1);
    }

    @Test
    void lastRunIsTheNewest() {
        JobRunHistory history = new JobRunHistory(5);
        assertThat(history.lastRun("a")).isNull();
        history.onEvent(executed("a", T0));
        history.onEvent(executed("a", T0.plusMinutes(1)));
        assertThat(history.lastRun("a").scheduledRunTime()).isEqualTo(T0.plusMinutes(1));
    }

    @Test
    void sizeZeroKeepsNothing() {
        JobRunHistory history = new JobRunHistory(0);
        history.onEvent(executed("a", T0));
        assertThat(history.runs("a")).isEmpty();
    }

    private static SchedulerEvent.JobError failed(String id, ZonedDateTime scheduled) {
        return new SchedulerEvent.JobError(id, "default", scheduled, scheduled, Duration.ofMillis(5),
                new IllegalStateException("boom"));
    }

    private static SchedulerEvent.JobRetryScheduled retryScheduled(String id, ZonedDateTime scheduled) {
        return new SchedulerEvent.JobRetryScheduled(id, "default", scheduled, 2, scheduled.plusSeconds(5));
    }

    private static SchedulerEvent.JobExecuted executed(String id, ZonedDateTime scheduled) {
        return new SchedulerEvent.JobExecuted(id, "default", scheduled, scheduled, Duration.ofMillis(1), null);
    }
}
