package io.github.apscheduler4j.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.apscheduler4j.event.EventType;
import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.job.JobTarget;
import io.github.apscheduler4j.trigger.DateTrigger;
import java.time.ZonedDateTime;
import io.github.apscheduler4j.scheduler.BackgroundScheduler;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs in worker JVMs: real processes, started with this JVM's class path. */
class ProcessPoolJobExecutorTests {

    private final List<SchedulerEvent> events = new CopyOnWriteArrayList<>();
    private ProcessPoolJobExecutor pool;
    private BackgroundScheduler scheduler;

    private void start(int workers, RunDecorator... decorators) {
        pool = new ProcessPoolJobExecutor(workers, List.of("-Xmx64m", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
        SchedulerConfig.Builder config = SchedulerConfig.builder().timezone(ZoneId.of("UTC"))
                .executor("processpool", pool);
        for (RunDecorator decorator : decorators) {
            config.runDecorator(decorator);
        }
        scheduler = new BackgroundScheduler(config.build());
        scheduler.addListener(events::add);
        scheduler.start();
    }

    @AfterEach
    void shutdown() {
        if (scheduler != null && scheduler.isRunning()) {
            scheduler.shutdown();
        }
    }

    private static String target(String method) {
        return ClassTargetResolver.reference(ProcessJobs.class, method);
    }

    private void runOnce(String id, String method, Object... args) {
        scheduler.addJob(JobSpec.builder(target(method)).id(id).executor("processpool").args(args).build());
    }

    private <T extends SchedulerEvent.JobEvent> T awaitEvent(Class<T> type, String jobId) {
        await().atMost(60, TimeUnit.SECONDS).until(() -> events.stream()
                .anyMatch(e -> type.isInstance(e) && type.cast(e).jobId().equals(jobId)));
        return events.stream().filter(type::isInstance).map(type::cast).filter(e -> e.jobId().equals(jobId))
                .findFirst().orElseThrow();
    }

    @Test
    void runsAJobInAnotherProcessAndReturnsItsResult() {
        start(2);

        runOnce("pid", "pid");
        runOnce("greet", "greet", "Ada", 2);

        Object pid = awaitEvent(SchedulerEvent.JobExecuted.class, "pid").returnValue();
        assertThat(((Number) pid).longValue()).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(awaitEvent(SchedulerEvent.JobExecuted.class, "greet").returnValue()).isEqualTo("hello Ada hello Ada");
    }

    @Test
    void aRunDecoratorWrapsTheParentSideOfEachRun() {
        List<String> seen = new CopyOnWriteArrayList<>();
        start(1, (run, invocation) -> () -> {
            seen.add("before " + run.job().id() + " on " + run.executor() + " in " + ProcessHandle.current().pid());
            run.whenEnded(error -> seen.add("ended " + (error == null ? "ok" : error.getClass().getSimpleName())));
            invocation.run();
            seen.add("after");
        });

        runOnce("greet", "greet", "Ada", 1);
        awaitEvent(SchedulerEvent.JobExecuted.class, "greet");

        assertThat(seen).containsExactly("before greet on processpool in " + ProcessHandle.current().pid(), "after",
                "ended ok");
    }

    @Test
    void theWorkerRunsTheJobWithTheIdentityOfItsFire() {
        start(1);

        runOnce("identity", "identity", "scheduled");
        SchedulerEvent.JobExecuted executed = awaitEvent(SchedulerEvent.JobExecuted.class, "identity");

        @SuppressWarnings("unchecked")
        Map<String, Object> seen = (Map<String, Object>) executed.returnValue();
        assertThat(((Number) seen.get("pid")).longValue()).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(seen).containsEntry("label", "scheduled")
                .containsEntry("job_id", "identity")
                .containsEntry("jobstore", "default")
                .containsEntry("scheduled_fire_time", executed.scheduledRunTime().toString())
                .containsEntry("started", executed.started().toString())
                .containsEntry("attempt", 1)
                .containsEntry("instance_id", scheduler.config().instanceId())
                .containsEntry("fire_id", "identity@" + DateTimeFormatter.ISO_INSTANT.format(executed.scheduledRunTime()))
                .containsEntry("current", true);

        // a run now, outside the schedule
        scheduler.addJob(JobSpec.builder(target("identity")).id("now").executor("processpool").args("now").paused()
                .build());
        assertThat(scheduler.runJob("now", null)).isTrue();
        SchedulerEvent.JobExecuted now = awaitEvent(SchedulerEvent.JobExecuted.class, "now");

        @SuppressWarnings("unchecked")
        Map<String, Object> seenNow = (Map<String, Object>) now.returnValue();
        assertThat(now.scheduledRunTime()).isNull();
        assertThat(seenNow).containsEntry("scheduled_fire_time", null)
                .containsEntry("fire_id", "now@" + DateTimeFormatter.ISO_INSTANT.format(now.started()))
                .containsEntry("current", true);
    }

    @Test
    void aWorkerThatExitsBecomesAJobErrorAndIsReplaced() {
        start(1);

        runOnce("exit", "exit", 7);
        SchedulerEvent.JobError error = awaitEvent(SchedulerEvent.JobError.class, "exit");
        assertThat(error.exception()).isInstanceOf(ProcessPoolJobExecutor.WorkerCrashedException.class)
                .hasMessageContaining("exited with code 7");

        runOnce("after", "pid");
        assertThat(awaitEvent(SchedulerEvent.JobExecuted.class, "after").returnValue()).isNotNull();
    }

    @Test
    void runningOutOfMemoryInAWorkerIsAJobErrorAndTheNextRunWorks() {
        start(1);

        runOnce("hoard", "exhaustMemory");
        SchedulerEvent.JobError error = awaitEvent(SchedulerEvent.JobError.class, "hoard");
        assertThat(error.exception()).isInstanceOfSatisfying(ProcessPoolJobExecutor.WorkerJobException.class,
                e -> assertThat(e.remoteClass()).isEqualTo("java.lang.OutOfMemoryError"));

        runOnce("after", "pid");
        assertThat(awaitEvent(SchedulerEvent.JobExecuted.class, "after").returnValue()).isNotNull();
    }

    @Test
    void maxInstancesHoldsAcrossWorkers(@TempDir Path dir) throws Exception {
        start(3);
        Path release = dir.resolve("release");
        scheduler.addJob(JobSpec.builder(target("holdUntil")).id("held").executor("processpool")
                .args(release.toString()).maxInstances(2).paused().build());

        assertThat(scheduler.runJob("held", null)).isTrue();
        assertThat(scheduler.runJob("held", null)).isTrue();
        assertThat(scheduler.runJob("held", null)).isFalse();
        assertThat(events).extracting(SchedulerEvent::type).contains(EventType.JOB_MAX_INSTANCES);

        Files.createFile(release);
        await().atMost(60, TimeUnit.SECONDS).until(() -> events.stream()
                .filter(e -> e.type() == EventType.JOB_EXECUTED).count() == 2);
        assertThat(pool.runningInstances("held")).isZero();
    }

    @Test
    void shutdownLeavesNoWorkerProcess() {
        start(2);
        runOnce("a", "pid");
        runOnce("b", "pid");
        awaitEvent(SchedulerEvent.JobExecuted.class, "a");
        awaitEvent(SchedulerEvent.JobExecuted.class, "b");
        Collection<Long> pids = List.copyOf(pool.workerPids());
        assertThat(pids).isNotEmpty();

        scheduler.shutdown();

        assertThat(pool.workerPids()).isEmpty();
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("worker %s", pid).isFalse();
        }
    }

    @Test
    void aWorkerWhoseFirstFrameCannotBeReadIsDestroyedAndTheRunIsAnError() {
        // -verbose:class writes to the worker's standard output before it can say it is ready
        pool = new ProcessPoolJobExecutor(1, List.of("-Xmx64m", "-verbose:class"));
        scheduler = new BackgroundScheduler(SchedulerConfig.builder().timezone(ZoneId.of("UTC"))
                .executor("processpool", pool).build());
        scheduler.addListener(events::add);
        scheduler.start();

        runOnce("noisy", "pid");

        assertThat(awaitEvent(SchedulerEvent.JobError.class, "noisy").exception())
                .hasMessageContaining("did not start: its first frame cannot be read")
                .hasMessageContaining("it is destroyed");
        assertThat(pool.workerPids()).isEmpty();
        await().atMost(10, TimeUnit.SECONDS).until(() -> ProcessHandle.current().children()
                .noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void aCorruptOrOversizedFrameEndsThatWorkerWithAnErrorNeverTheParent() {
        start(1);

        runOnce("not-json", "writeFrame", 9, "not json!");
        assertThat(awaitEvent(SchedulerEvent.JobError.class, "not-json").exception())
                .isInstanceOf(ProcessPoolJobExecutor.WorkerCrashedException.class)
                .hasMessageContaining("sent a frame that cannot be read while running job 'not-json'")
                .hasMessageContaining("is not a JSON object");
        runOnce("oversized", "writeFrame", Integer.MAX_VALUE, "");
        assertThat(awaitEvent(SchedulerEvent.JobError.class, "oversized").exception())
                .hasMessageContaining("frame length 2147483647 is outside 0 to");
        runOnce("other-run", "writeFrame", 36, "{\"type\":\"result\",\"run\":-1,\"ok\":true}");
        assertThat(awaitEvent(SchedulerEvent.JobError.class, "other-run").exception())
                .hasMessageContaining("does not answer run");

        runOnce("after", "pid");
        assertThat(awaitEvent(SchedulerEvent.JobExecuted.class, "after").returnValue()).isNotNull();
        assertThat(pool.workerPids()).hasSize(1);
    }

    @Test
    void afterShutdownWithoutWaitNoQueuedRunStartsAWorker(@TempDir Path dir) throws Exception {
        start(1);
        Path release = dir.resolve("release");
        scheduler.addJob(JobSpec.builder(target("holdUntil")).id("held").executor("processpool")
                .args(release.toString()).build());
        await().atMost(60, TimeUnit.SECONDS).until(() -> pool.runningInstances("held") == 1);
        for (String id : List.of("queued-1", "queued-2", "queued-3")) {
            runOnce(id, "pid");
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> pool.runningInstances("queued-3") == 1);

        scheduler.shutdown(false);
        Files.createFile(release);

        for (String id : List.of("queued-1", "queued-2", "queued-3")) {
            assertThat(awaitEvent(SchedulerEvent.JobError.class, id).exception())
                    .hasMessageContaining("was not run: the process pool was shut down before its run started");
        }
        assertThat(events).noneMatch(event -> event instanceof SchedulerEvent.JobExecuted run
                && run.jobId().startsWith("queued"));
        await().atMost(20, TimeUnit.SECONDS).until(() -> ProcessHandle.current().children()
                .noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void refusesJobsThatCannotCrossToAnotherProcess() {
        start(1);

        assertThatThrownBy(() -> scheduler.addJob(JobSpec.builder(() -> { }).executor("processpool").build()))
                .hasMessageContaining("cannot run in a process pool: its target is in-process code");
        assertThatThrownBy(() -> scheduler.addJob(JobSpec.builder(target("greet")).executor("processpool")
                .args(new Object(), 1).build()))
                .hasMessageContaining("args[0] is a java.lang.Object, not a JSON value");
        Job beanJob = Job.builder().id("bean-job").target(JobTarget.of("bean:reports.nightly", (args, kwargs) -> null))
                .trigger(DateTrigger.at(ZonedDateTime.now())).build();
        assertThatThrownBy(() -> pool.checkJob(beanJob))
                .hasMessageContaining("'bean:reports.nightly' is a Spring bean, which exists only in this JVM");
    }

    @Test
    void isConfiguredAsTypeProcesspool() {
        SchedulerConfig config = SchedulerConfig.fromMap(Map.of("executors", Map.of("processpool",
                Map.of("type", "processpool", "max_workers", 3, "jvm_args", "-Xmx128m"))), "apscheduler.");

        assertThat(config.executors().get("processpool")).isInstanceOfSatisfying(ProcessPoolJobExecutor.class,
                executor -> assertThat(executor.maxWorkers()).isEqualTo(3));
    }
}
