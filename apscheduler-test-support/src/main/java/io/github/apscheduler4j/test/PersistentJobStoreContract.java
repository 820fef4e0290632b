package io.github.apscheduler4j.test;

import static io.github.apscheduler4j.test.ContractJobs.ZONE;
import static io.github.apscheduler4j.test.ContractJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.job.JobTarget;
import io.github.apscheduler4j.scheduler.BackgroundScheduler;
import io.github.apscheduler4j.scheduler.Reconciliation;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.store.ConflictingIdException;
import io.github.apscheduler4j.store.JobCounts;
import io.github.apscheduler4j.store.JobLookupException;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.JobStoreContext;
import io.github.apscheduler4j.store.QuarantinedJob;
import io.github.apscheduler4j.trigger.Triggers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a store that keeps jobs outside the process must do on top of {@link JobStoreContract}: keep jobs across
 * store objects (a restart), round-trip every field through its JSON state, quarantine records it cannot read
 * without losing them (a job the application declares with that id included), and refuse jobs it cannot persist. A
 * backend's test supplies a new store object on its
 * backend and raw access to its records. What a store shared by several schedulers must do on top of this is
 * {@link SharedJobStoreContract}.
 */
public abstract class PersistentJobStoreContract extends JobStoreContract {

    private final List<JobStore> opened = new ArrayList<>();

    /** A record as the backend holds it. @param nextRunTime its next run time column, {@code null} when paused */
    public record StoredRecord(Instant nextRunTime, long version, String state) {
    }

    /** A new, unstarted store object on the backend under test; the contract starts it. Nothing is cleared. */
    protected abstract JobStore newStore();

    /** Writes a record straight to the backend, past the store: version 1, not quarantined. */
    protected abstract void writeRecord(String id, Instant nextRunTime, String state);

    /** The record with this id as the backend holds it, or {@code null} when there is none. */
    protected abstract StoredRecord readRecord(String id);

    /** What the contract starts stores with: alias {@code default}, targets resolved by class. */
    protected JobStoreContext storeContext() {
        return new JobStoreContext("default", new ClassTargetResolver(), ZONE, Clock.systemUTC());
    }

    /**
     * Removes every run from the backend's run ledger, past the store (which removes runs only as they end): the
     * contract calls it as each test starts, so that no run of an earlier test is seen or taken over. A backend whose
     * store keeps runs overrides it.
     */
    protected void removeAllRuns() {
    }

    @Override
    protected final JobStore createStore() {
        JobStore created = openAnotherStore();
        created.removeAllJobs();
        removeAllRuns();
        return created;
    }

    /** Another started store object on the same backend, as after a restart or on another instance. */
    protected final JobStore openAnotherStore() {
        return openAnotherStore(storeContext());
    }

    /** Another store object on the same backend, started with {@code context}; shut down after the test. */
    protected final JobStore openAnotherStore(JobStoreContext context) {
        JobStore opening = newStore();
        opening.start(context);
        opened.add(opening);
        return opening;
    }

    @AfterEach
    void shutdownOpenedStores() {
        opened.stream().filter(each -> each != store).forEach(JobStore::shutdown);
    }

    private static Job.Builder fullJob(String id) {
        return job(id, T0).toBuilder().jobstore("default");
    }

    @Test
    void keepsJobsWithTheirNextRunTimeAcrossStoreObjects() {
        Job job = job("a", T0).withJobstore("default");
        store.addJob(job);
        store.addJob(job("paused", null));
        store.shutdown();

        JobStore restarted = openAnotherStore();

        assertThat(withoutVersion(restarted.lookupJob("a"))).isEqualTo(job);
        assertThat(restarted.lookupJob("a").nextRunTime().toInstant()).isEqualTo(T0);
        assertThat(restarted.nextRunTime()).isEqualTo(T0);
        assertThat(restarted.dueJobs(T0)).extracting(Job::id).containsExactly("a");
        assertThat(restarted.allJobs()).extracting(Job::id).containsExactly("a", "paused");
    }

    @Test
    void roundTripsEveryFieldThroughItsJsonState() {
        Map<String, Object> kwargs = new HashMap<>();
        kwargs.put("unicode", "Grüße, 世界 ✓");
        kwargs.put("none", null);
        kwargs.put("long", 12_345_678_901L);
        kwargs.put("nested", Map.of("list", List.of(1, 2.25, "x"), "flag", false));
        List<Job> jobs = List.of(
                fullJob("cron").trigger(Triggers.create("cron", Map.of("day_of_week", "mon-fri", "hour", "9-17",
                        "minute", "*/15", "start_date", "2026-01-01", "end_date", "2027-01-01", "timezone",
                        "America/New_York", "jitter", 5), ZONE))
                        .nextRunTime(ZonedDateTime.of(2026, 6, 1, 9, 15, 0, 123_456_789, ZoneId.of("America/New_York")))
                        .args(Arrays.asList(null, "ü", 7, 1.5)).kwargs(kwargs)
                        .coalesce(true).maxInstances(1).misfireGraceTime(null).executor("other").build(),
                fullJob("date").trigger(Triggers.create("date", Map.of("run_date", "2026-11-22 11:01:22",
                        "timezone", "Pacific/Chatham"), ZONE)).misfireGraceTime(Duration.ofMillis(1_500)).build(),
                fullJob("interval").trigger(Triggers.create("interval", Map.of("seconds", 3.5, "start_date",
                        "2026-01-01T00:00:00+01:00"), ZONE)).build(),
                fullJob("calendar").trigger(Triggers.create("calendarinterval", Map.of("months", 1, "hour", 3,
                        "start_date", "2026-01-31"), ZONE)).nextRunTime(null).build(),
                fullJob("combined").trigger(Triggers.create("or", Map.of("triggers", List.of(
                        Map.of("type", "crontab", "args", Map.of("expr", "0 9 * * *")),
                        Map.of("type", "date", "args", Map.of("run_date", "2026-12-24")))), ZONE)).build());
        jobs.forEach(store::addJob);

        JobStore reader = openAnotherStore();

        for (Job job : jobs) {
            assertThat(withoutVersion(reader.lookupJob(job.id()))).as(job.id()).isEqualTo(job);
            StoredRecord stored = readRecord(job.id());
            assertThat(stored.state()).as("state of %s", job.id()).startsWith("{").contains(ContractJobs.NOOP);
            if (job.nextRunTime() != null) {
                assertThat(Duration.between(stored.nextRunTime(), job.nextRunTime().toInstant()).abs())
                        .as("next run time column of %s", job.id()).isLessThan(Duration.ofMillis(1));
            } else {
                assertThat(stored.nextRunTime()).isNull();
            }
        }
        assertThat(withoutVersion(reader.lookupJob("cron")).nextRunTime()).isEqualTo(jobs.get(0).nextRunTime());
    }

    /** {@code size} jobs {@code job-0}, {@code job-1}, ..., due a second apart from {@link #T0}. */
    private static List<Job> batch(int size) {
        List<Job> jobs = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            jobs.add(job("job-" + i, T0.plusSeconds(i)).withJobstore("default"));
        }
        return jobs;
    }

    @Test
    void keepsALargeBatchAcrossStoreObjectsAsJsonState() {
        List<Job> jobs = batch(2_500);

        store.addJobs(jobs);

        JobStore restarted = openAnotherStore();
        assertThat(restarted.allJobs()).extracting(Job::id).containsExactlyElementsOf(jobs.stream().map(Job::id).toList());
        for (Job job : List.of(jobs.get(0), jobs.get(1_234), jobs.get(2_499))) {
            assertThat(withoutVersion(restarted.lookupJob(job.id()))).as(job.id()).isEqualTo(job);
            StoredRecord record = readRecord(job.id());
            assertThat(record.state()).as("state of %s", job.id()).startsWith("{").contains(ContractJobs.NOOP);
            assertThat(record.nextRunTime()).isEqualTo(job.nextRunTime().toInstant());
            assertThat(record.version()).isEqualTo(1);
        }
    }

    @Test
    void refusesALargeBatchWhoseLastJobTakesAStoredOrQuarantinedIdOrCannotBeStoredAndWritesNoneOfIt() {
        store.addJob(job("stored", T0));
        writeRecord("broken", T0, "not json");
        List<Job> takingStored = new ArrayList<>(batch(2_500));
        takingStored.add(job("stored", T0.plusSeconds(5)));
        List<Job> takingQuarantined = new ArrayList<>(batch(2_500));
        takingQuarantined.add(job("broken", T0.plusSeconds(5)));
        List<Job> withALambda = new ArrayList<>(batch(2_500));
        withALambda.add(job("lambda", T0).withTarget(JobTarget.of((args, kwargs) -> null)));

        assertThatThrownBy(() -> store.addJobs(takingStored)).isInstanceOf(ConflictingIdException.class)
                .hasMessageContaining("(stored)");
        assertThatThrownBy(() -> store.addJobs(takingQuarantined)).isInstanceOf(ConflictingIdException.class)
                .hasMessageContaining("(broken)");
        assertThatIllegalArgumentException().isThrownBy(() -> store.addJobs(withALambda))
                .withMessageContaining("cannot be serialized").withMessageContaining("'lambda'");

        assertThat(readRecord("job-0")).as("the batch's first job").isNull();
        assertThat(readRecord("job-2499")).as("its last but one").isNull();
        assertThat(openAnotherStore().allJobs()).extracting(Job::id).containsExactly("stored");
        assertThat(readRecord("stored").nextRunTime()).isEqualTo(T0);
        assertThat(readRecord("broken").state()).as("the evidence").isEqualTo("not json");
    }

    @Test
    void keepsTheMarkOfADeclaredJobAcrossStoreObjects() {
        store.addJob(job("declared", T0).toBuilder().declared(true).build());
        store.addJob(job("added", T0));

        JobStore restarted = openAnotherStore();

        assertThat(restarted.lookupJob("declared").declared()).isTrue();
        assertThat(restarted.lookupJob("added").declared()).isFalse();
        assertThat(readRecord("added").state()).as("the state of a job added through the API, as before the mark")
                .doesNotContain("declared");
    }

    @Test
    void quarantinesRecordsNoInstanceCanReadKeepsThemAndGoesOn() {
        store.addJob(job("good", T0));
        String good = readRecord("good").state();
        String notJson = "{\"format\": 1, \"id\": \"not-js";
        String unknownTrigger = good.replace("\"good\"", "\"unknown-trigger\"").replace("\"interval\"", "\"weekly\"");
        assertThat(unknownTrigger).isNotEqualTo(good);
        writeRecord("not-json", T0, notJson);
        writeRecord("unknown-trigger", T0, unknownTrigger);

        assertThat(store.dueJobs(T0)).extracting(Job::id).containsExactly("good");
        assertThat(store.quarantinedJobs()).extracting(QuarantinedJob::id).containsExactly("not-json", "unknown-trigger");
        assertThat(store.quarantinedJobs()).satisfiesExactly(
                json -> assertThat(json.reason()).startsWith("job state is not valid JSON"),
                trigger -> assertThat(trigger.reason()).contains("No trigger by the name \"weekly\""));
        assertThat(store.quarantinedJobs()).extracting(QuarantinedJob::state).containsExactly(notJson, unknownTrigger);

        assertThat(store.lookupJob("not-json")).isNull();
        assertThat(store.allJobs()).extracting(Job::id).containsExactly("good");
        assertThat(store.countJobs()).as("quarantined records are not counted").isEqualTo(new JobCounts(1, 0));
        assertThat(store.claimJob(store.dueJobs(T0).get(0), T0.plusSeconds(60).atZone(ZONE))).isTrue();
        assertThat(store.nextRunTime()).isEqualTo(T0.plusSeconds(60));
        assertThat(store.dueJobs(T0.plusSeconds(3600))).extracting(Job::id).containsExactly("good");

        assertThat(readRecord("not-json").state()).isEqualTo(notJson);
        assertThat(openAnotherStore().quarantinedJobs()).extracting(QuarantinedJob::id)
                .containsExactly("not-json", "unknown-trigger");
    }

    @Test
    void readsAJobWhoseTargetIsMissingHereAndLeavesItsRecordAsItIs() {
        store.addJob(job("good", T0));
        String missingTarget = readRecord("good").state().replace("\"good\"", "\"missing-target\"")
                .replace(ContractJobs.NOOP, "com.acme.Missing::run");
        writeRecord("missing-target", T0.minusSeconds(60), missingTarget);

        assertThat(store.dueJobs(T0)).extracting(Job::id).containsExactly("missing-target", "good");
        Job missing = store.lookupJob("missing-target");
        assertThat(missing.target().reference()).isEqualTo("com.acme.Missing::run");
        assertThat(missing.target().isResolved()).as("runnable only where the class is").isFalse();
        assertThat(store.quarantinedJobs()).as("a class missing in one instance is not the record's fault").isEmpty();
        assertThat(readRecord("missing-target")).isEqualTo(new StoredRecord(T0.minusSeconds(60), 1, missingTarget));
    }

    @Test
    void neverOverwritesAQuarantinedRecordAndRemovesItOnlyWhenAsked() {
        writeRecord("broken", T0, "not json");
        assertThat(store.dueJobs(T0)).isEmpty();
        assertThat(store.quarantinedJobs()).hasSize(1);

        assertThatThrownBy(() -> store.addJob(job("broken", T0))).isInstanceOf(ConflictingIdException.class);
        assertThatThrownBy(() -> store.updateJob(job("broken", T0.plusSeconds(5))))
                .as("the evidence is kept").isInstanceOf(JobLookupException.class);
        assertThat(readRecord("broken").state()).isEqualTo("not json");

        store.removeJob("broken");
        store.addJob(job("broken", T0.plusSeconds(5)));

        assertThat(store.quarantinedJobs()).isEmpty();
        assertThat(store.lookupJob("broken").nextRunTime().toInstant()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void aDeclaredJobLeavesAQuarantinedRecordOfItsIdAsItIs() {
        writeRecord("broken", T0, "not json");
        BackgroundScheduler scheduler = new BackgroundScheduler(SchedulerConfig.builder().timezone(ZONE)
                .jobstore("default", newStore()).build());
        scheduler.start(true);
        try {
            Reconciliation outcome = scheduler.reconcileJob(JobSpec.builder(ContractJobs.NOOP).id("broken")
                    .trigger("interval", Map.of("minutes", 1)).build());

            assertThat(outcome).isEqualTo(Reconciliation.QUARANTINED);
        } finally {
            scheduler.shutdown(false);
        }
        assertThat(readRecord("broken").state()).as("the evidence").isEqualTo("not json");
        assertThat(readRecord("broken").version()).isEqualTo(1);
    }

    /**
     * The stored-row part of the bad-input suite: every generated corrupt or hostile row ({@link BadStoredRows}) is
     * quarantined or skipped with a reason naming it, none stops the good job running beside them, and every row is
     * still as written. Prints its counts.
     */
    @Test
    void keepsEveryGeneratedBadRowAsWrittenAndRunsTheOtherJobs() {
        store.addJob(job("template", T0));
        String template = readRecord("template").state();
        store.removeJob("template");
        Map<String, String> rows = BadStoredRows.generate(template, "template", ContractJobs.NOOP);
        Instant due = Instant.now().minusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        rows.forEach((id, state) -> writeRecord(id, due, state));
        assertThat(store.allJobs()).extracting(Job::id).doesNotContainAnyElementsOf(rows.keySet().stream()
                .filter(id -> !id.startsWith("target-")).toList());

        BackgroundScheduler scheduler = new BackgroundScheduler(SchedulerConfig.builder().timezone(ZONE)
                .storePollInterval(Duration.ofMillis(100)).allowedJobTargets(ContractJobs.class.getPackageName())
                .jobstore("default", newStore()).build());
        List<String> executed = new java.util.concurrent.CopyOnWriteArrayList<>();
        scheduler.addListener(event -> {
            if (event instanceof io.github.apscheduler4j.event.SchedulerEvent.JobExecuted run) {
                executed.add(run.jobId());
            }
        });
        Map<String, String> errors = new java.util.TreeMap<>();
        scheduler.start();
        try {
            scheduler.addJob(JobSpec.builder(ContractJobs.NOOP).id("good").trigger("interval", Map.of("seconds", 1))
                    .nextRunTime(ZonedDateTime.now(ZONE)).build());
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                errors.clear();
                scheduler.jobStores().get("default").quarantinedJobs().forEach(q -> errors.put(q.id(), q.reason()));
                errors.putAll(scheduler.jobsNotRunnableHere());
                return errors.keySet().containsAll(rows.keySet()) && executed.stream().filter("good"::equals).count()
                        >= 2;
            });
        } finally {
            scheduler.shutdown(true);
        }
        assertThat(executed).as("no bad row ran").containsOnly("good");
        int clear = 0;
        int kept = 0;
        for (Map.Entry<String, String> row : rows.entrySet()) {
            String reason = errors.get(row.getKey());
            assertThat(reason).as("the reason for %s", row.getKey()).isNotBlank().hasSizeLessThanOrEqualTo(1_003);
            clear++;
            assertThat(readRecord(row.getKey())).as("row %s as written", row.getKey())
                    .isEqualTo(new StoredRecord(due, 1, row.getValue()));
            kept++;
        }
        System.out.printf("bad input [stored rows, %s]: %d cases tried, %d errors clear, %d rows kept%n",
                getClass().getSimpleName(), rows.size(), clear, kept);
    }

    @Test
    void refusesAJobWhoseTargetIsALambda() {
        Job lambda = job("lambda", T0).withTarget(JobTarget.of((args, kwargs) -> null));
        store.addJob(job("stored", T0));

        assertThatIllegalArgumentException().isThrownBy(() -> store.addJob(lambda))
                .withMessageContaining("This Job cannot be serialized since the reference to its callable could not be"
                        + " determined")
                .withMessageContaining("'lambda'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> store.updateJob(store.lookupJob("stored").withTarget(JobTarget.of((args, kwargs) -> 1))))
                .withMessageContaining("cannot be serialized");

        assertThat(store.lookupJob("lambda")).isNull();
        assertThat(store.lookupJob("stored").target().reference()).isEqualTo(ContractJobs.NOOP);
    }
}
