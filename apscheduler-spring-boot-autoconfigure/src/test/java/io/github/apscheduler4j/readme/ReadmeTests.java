package io.github.apscheduler4j.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.acme.Reports;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.github.apscheduler4j.boot.autoconfigure.ApSchedulerAutoConfiguration;
import io.github.apscheduler4j.boot.autoconfigure.ApSchedulerObservationAutoConfiguration;
import io.github.apscheduler4j.boot.autoconfigure.ApSchedulerProperties;
import io.github.apscheduler4j.boot.dashboard.ApSchedulerDashboardAutoConfiguration;
import io.github.apscheduler4j.boot.dashboard.ApSchedulerDashboardController;
import io.github.apscheduler4j.boot.jobs.JobRun;
import io.github.apscheduler4j.boot.jobs.JobRunHistory;
import io.github.apscheduler4j.boot.jobs.JobRunOutcome;
import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.event.SchedulerListener;
import io.github.apscheduler4j.executor.JobExecutor;
import io.github.apscheduler4j.executor.ThreadPoolJobExecutor;
import io.github.apscheduler4j.jdbc.JdbcJobStore;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobContext;
import io.github.apscheduler4j.job.JobDefaults;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.job.Recovery;
import io.github.apscheduler4j.job.RunPolicy;
import io.github.apscheduler4j.mongodb.MongoJobStore;
import io.github.apscheduler4j.readme.JavaBlocks.Compiled;
import io.github.apscheduler4j.readme.JavaBlocks.Wrapping;
import io.github.apscheduler4j.readme.Readme.Block;
import io.github.apscheduler4j.redis.RedisJobStore;
import io.github.apscheduler4j.scheduler.AbstractScheduler;
import io.github.apscheduler4j.scheduler.BackgroundScheduler;
import io.github.apscheduler4j.scheduler.JobHandle;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.scheduler.SchedulerState;
import io.github.apscheduler4j.store.MemoryJobStore;
import io.github.apscheduler4j.test.TestDatabase;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * Holds the repository's README.md to the code: every Java block is compiled from the README's own text (put in a
 * class or method where it is a fragment) and run, every YAML block is bound by the real auto-configuration and its
 * values looked for in the scheduler it makes, and the SQL block is compared with the script the JDBC store ships.
 * A block in one of those languages that no check below claims fails the build, and so does a check whose block is
 * gone: the README cannot gain an unchecked example, nor lose a checked one unnoticed.
 */
class ReadmeTests {

    /** Languages whose every block must be checked; shell commands, log output, JSON answers and the like are not. */
    private static final Set<String> CHECKED_LANGUAGES = Set.of("java", "yaml", "yml", "properties", "sql");

    private static final Readme README = Readme.load();
    private static final Tally TALLY = new Tally();

    /** Compiled blocks and databases: nothing a block makes is left in the working tree. */
    @TempDir
    static Path scratch;

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApSchedulerAutoConfiguration.class));

    /** One check per block: the block's language, a piece of text only that block has, and what it shows. */
    private List<Check> checks() {
        return List.of(
                new Check("yaml", "default: { type: memory }", "the sample's settings bind", this::sampleSettings),
                new Check("java", "JobExecutor reports()", "a JobExecutor bean is an executor", this::executorBean),
                new Check("java", "ApSchedulerCustomizer berlinTime()", "a customizer adjusts the settings",
                        this::customizer),
                new Check("java", "JobExecutionObservationConvention teamTaggedRuns()",
                        "a convention bean replaces the run observation's", this::observationConvention),
                new Check("java", "@ApsJob(minutes", "@ApsJob methods are jobs", this::apsJobMethods),
                new Check("java", "bean:sampleJobs.invoices", "a job added through the Scheduler bean",
                        this::jobAddedInCode),
                new Check("java", "settled.putIfAbsent(context.fireId()", "a job method takes its fire's JobContext",
                        this::jobContextParameter),
                new Check("yaml", "dashboard:", "the dashboard is turned on", this::dashboardTurnedOn),
                new Check("java", "SecurityFilterChain securityFilterChain", "the dashboard behind Spring Security",
                        this::dashboardSecurity),
                new Check("yaml", "store-poll-interval:", "several instances on one store, with Spring",
                        this::sharedStoreSettings),
                new Check("java", ".instanceId(\"web-1\")", "several instances on one store, without Spring",
                        this::sharedStoreEngine),
                new Check("yaml", "lease-renewal-interval:", "run policy defaults and leases", this::runPolicySettings),
                new Check("java", "invoiced.contains(context.fireId())", "an idempotent job with retries and rerun",
                        this::idempotentRetries),
                new Check("java", "scheduler.printJobs(null, System.out)", "the engine without Spring", this::engine),
                new Check("java", "scheduler.addJobs(reminders)", "many jobs at once", this::manyJobsAtOnce),
                new Check("yaml", "initialize_schema: embedded", "a JDBC store", this::jdbcStore),
                new Check("sql", "CREATE TABLE IF NOT EXISTS apscheduler_jobs", "the shipped PostgreSQL script",
                        this::postgresqlSchema),
                new Check("yaml", "classpath:io/github/apscheduler4j/jdbc/migration/{vendor}",
                        "the shipped Flyway migration", this::flywayMigration),
                new Check("yaml", "file: io/github/apscheduler4j/jdbc/migration/changelog.yaml",
                        "the shipped Liquibase changelog", this::liquibaseChangelog),
                new Check("yaml", "type: mongodb", "a MongoDB store", this::mongoStore),
                new Check("yaml", "type: redis", "a Redis store", this::redisStore),
                new Check("yaml", "job-targets:", "the allowed job targets", this::allowedJobTargets));
    }

    @TestFactory
    Stream<DynamicTest> everyJavaYamlAndSqlBlockIsChecked() {
        List<Check> checks = checks();
        List<DynamicTest> tests = new ArrayList<>();
        for (Block block : README.blocks()) {
            TALLY.found(block);
            if (!CHECKED_LANGUAGES.contains(block.language())) {
                continue;
            }
            List<Check> claiming = checks.stream().filter(check -> check.claims(block)).toList();
            String name = block.location() + " ```" + block.language()
                    + (claiming.size() == 1 ? ": " + claiming.get(0).shows() : "");
            tests.add(dynamicTest(name, () -> {
                assertThat(claiming).as("%s: the ```%s block starting\n%s\nmust be claimed by exactly one check in"
                        + " ReadmeTests.checks() (write one for a new block)", block.location(), block.language(),
                        block.text().lines().limit(3).collect(Collectors.joining("\n"))).hasSize(1);
                try {
                    claiming.get(0).verification().verify(block);
                } catch (Exception | AssertionError e) {
                    // name the block: the report names a dynamic test by its number only
                    throw new AssertionError(name + ": " + e.getMessage(), e);
                }
            }));
        }
        tests.add(dynamicTest("every check claims exactly one block", () -> {
            Map<String, Long> claimed = new LinkedHashMap<>();
            checks.forEach(check -> claimed.put(check.shows(),
                    README.blocks().stream().filter(check::claims).count()));
            assertThat(claimed).as("blocks each check claims (0: its block was removed or its text changed)")
                    .allSatisfy((check, count) -> assertThat(count).as(check).isOne());
        }));
        return tests.stream();
    }

    @AfterAll
    static void printCounts() {
        System.out.println(TALLY);
    }

    // ---- Spring Boot: configuration

    private void sampleSettings(Block block) throws Exception {
        contextRunner.withInitializer(yaml(block, Map.of())).run(context -> {
            assertThat(context).hasNotFailed();
            AbstractScheduler scheduler = context.getBean(AbstractScheduler.class);
            assertThat(scheduler.timezone()).isEqualTo(ZoneId.of("UTC"));
            assertThat(scheduler.jobStores().get("default")).isInstanceOf(MemoryJobStore.class);
            assertThat(scheduler.executors().get("default")).isInstanceOfSatisfying(ThreadPoolJobExecutor.class,
                    executor -> assertThat(executor.maxWorkers()).isEqualTo(20));
            assertThat(scheduler.config().jobDefaults()).isEqualTo(new JobDefaults(false, 3, Duration.ofSeconds(30)));
        });
        TALLY.bound();
        // the README calls it the sample's application.yml: each of its lines is there, in the same order
        List<String> sample = Files.readAllLines(
                README.root().resolve("sample-app/src/main/resources/application.yml"), StandardCharsets.UTF_8);
        assertThat(sample).as("sample-app's application.yml").containsSubsequence(block.text().lines().toList());
    }

    private void executorBean(Block block) throws Exception {
        try (Compiled compiled = compile(block, Wrapping.members("@Configuration(proxyBeanMethods = false)"))) {
            contextRunner.withClassLoader(compiled.loader()).withUserConfiguration(compiled.type()).run(context -> {
                assertThat(context).hasNotFailed();
                Scheduler scheduler = context.getBean(Scheduler.class);
                assertThat(scheduler.executors())
                        .containsEntry("reports", context.getBean("reports", JobExecutor.class));
                assertThat(scheduler.executors().get("reports")).isInstanceOfSatisfying(ThreadPoolJobExecutor.class,
                        executor -> assertThat(executor.maxWorkers()).isEqualTo(2));
            });
            TALLY.ran();
        }
    }

    private void customizer(Block block) throws Exception {
        try (Compiled compiled = compile(block, Wrapping.members("@Configuration(proxyBeanMethods = false)"))) {
            contextRunner.withClassLoader(compiled.loader()).withUserConfiguration(compiled.type())
                    .withPropertyValues("apscheduler.timezone=UTC", "apscheduler.job-defaults.max-instances=5")
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        AbstractScheduler scheduler = context.getBean(AbstractScheduler.class);
                        // last: over the properties
                        assertThat(scheduler.timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
                        assertThat(scheduler.config().jobDefaults())
                                .isEqualTo(JobDefaults.APSCHEDULER.withMaxInstances(2));
                    });
            TALLY.ran();
        }
    }

    private void observationConvention(Block block) throws Exception {
        TestObservationRegistry observations = TestObservationRegistry.create();
        try (Compiled compiled = compile(block, Wrapping.members("@Configuration(proxyBeanMethods = false)"))) {
            contextRunner.withConfiguration(AutoConfigurations.of(ApSchedulerObservationAutoConfiguration.class))
                    .withClassLoader(compiled.loader()).withUserConfiguration(compiled.type())
                    .withBean(ObservationRegistry.class, () -> observations).run(context -> {
                        assertThat(context).hasNotFailed();
                        Scheduler scheduler = context.getBean(Scheduler.class);
                        scheduler.addJob(JobSpec.builder(() -> { }).id("invoices")
                                .trigger("interval", Map.of("hours", 1)).build());
                        scheduler.runJob("invoices", null);
                        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> TestObservationRegistryAssert
                                .assertThat(observations).hasObservationWithNameEqualTo("apscheduler.job.execution")
                                .that().hasBeenStopped().hasLowCardinalityKeyValue("team", "billing")
                                .hasLowCardinalityKeyValue("job", "invoices"));
                    });
            TALLY.ran();
        }
    }

    // ---- Spring Boot: jobs

    private void apsJobMethods(Block block) throws Exception {
        runAsBean(block, "jobs", context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            JobRunHistory history = context.getBean(JobRunHistory.class);
            Map<String, String> triggers = new TreeMap<>();
            scheduler.getJobs().forEach(job -> triggers.put(job.id(), String.valueOf(job.trigger())));
            assertThat(triggers).contains(
                    // the placeholder's default
                    entry("heartbeat", "interval[0:00:10]"),
                    entry("jobs.report-2", "cron[second='*/20']"),
                    // crontab's 1-5: Monday to Friday
                    entry("jobs.report-3", "cron[month='*', day='*', day_of_week='mon,tue,wed,thu,fri',"
                            + " hour='*', minute='*']"));
            assertThat(scheduler.getJob("jobs.report-4").nextRunTime())
                    .isEqualTo(ZonedDateTime.of(2030, 1, 1, 9, 0, 0, 0, ZoneId.of("UTC")));
            // the job without a trigger ran when the scheduler started, and is gone (its event, not the history: the
            // history forgets a removed job, and the pass reports the removal after the run, which may be over)
            await().until(() -> context.getBean(ExecutedJobs.class).ids, ids -> ids.contains("jobs.report-5"));
            assertThat(scheduler.getJob("jobs.report-5")).isNull();

            Job greet = scheduler.getJob("jobs.greet");
            assertThat(greet.trigger()).hasToString("interval[0:01:00]");
            assertThat(greet.args()).containsExactly("world");
            assertThat(greet.kwargs()).containsExactly(entry("punctuation", "!"));
            // a run that succeeds: the method took the arguments
            runNow(scheduler, history, "jobs.greet");
        });
    }

    /** Compiles a block of fields and methods into a class, a bean of that name, and checks the context it is in. */
    private void runAsBean(Block block, String beanName, ContextConsumer<AssertableApplicationContext> check)
            throws Exception {
        try (Compiled compiled = compile(block, Wrapping.members(""))) {
            @SuppressWarnings("unchecked")
            Class<Object> type = (Class<Object>) compiled.type();
            contextRunner.withClassLoader(compiled.loader()).withBean(beanName, type).withBean(ExecutedJobs.class)
                    .withPropertyValues("apscheduler.timezone=UTC").run(context -> {
                        assertThat(context).hasNotFailed();
                        check.accept(context);
                    });
            TALLY.ran();
        }
    }

    /** The sample's bean of that name, as far as the README's job needs it: a job holder, as the sample's. */
    @io.github.apscheduler4j.annotation.ApsJobHolder
    public static class SampleJobs {

        final List<String> periods = new CopyOnWriteArrayList<>();

        public void invoices(String period) {
            periods.add(period);
        }
    }

    private void jobAddedInCode(Block block) throws Exception {
        try (Compiled compiled = compile(block, Wrapping.statements("Scheduler scheduler, LocalDate firstOfNextMonth",
                "null"))) {
            contextRunner.withBean("sampleJobs", SampleJobs.class).withPropertyValues("apscheduler.timezone=UTC")
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        Scheduler scheduler = context.getBean(Scheduler.class);
                        // as the sample's ProgrammaticJobs computes it
                        LocalDate firstOfNextMonth = LocalDate.now(scheduler.timezone()).withDayOfMonth(1)
                                .plusMonths(1);

                        compiled.run(scheduler, firstOfNextMonth);

                        Job invoices = scheduler.getJob("invoices");
                        assertThat(invoices.trigger().type()).isEqualTo("calendarinterval");
                        assertThat(invoices.nextRunTime().toInstant())
                                .isEqualTo(firstOfNextMonth.atTime(9, 0).atZone(scheduler.timezone()).toInstant());
                        assertThat(invoices.args()).containsExactly("monthly");
                        scheduler.runJob("invoices", null);
                        await().until(() -> context.getBean(SampleJobs.class).periods,
                                periods -> periods.contains("monthly"));
                    });
            TALLY.ran();
        }
    }

    private void jobContextParameter(Block block) throws Exception {
        runAsBean(block, "billing", context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            JobRunHistory history = context.getBean(JobRunHistory.class);
            Job settle = scheduler.getJob("settle");
            assertThat(settle.trigger().type()).isEqualTo("cron");
            assertThat(settle.args()).containsExactly("EUR");
            @SuppressWarnings("unchecked")
            Map<String, String> settled = (Map<String, String>) field(context.getBean("billing"),
                    "settled");

            // a run now: its fire id is the job id and the instant it started
            ZonedDateTime started = runNow(scheduler, history, "settle");
            assertThat(settled).containsExactly(
                    entry("settle@" + DateTimeFormatter.ISO_INSTANT.format(started), "EUR"));
        });
    }

    /** The ids of the jobs whose runs succeeded, from the events. */
    public static class ExecutedJobs implements SchedulerListener {

        final Set<String> ids = ConcurrentHashMap.newKeySet();

        @Override
        public void onEvent(SchedulerEvent event) {
            if (event instanceof SchedulerEvent.JobExecuted executed) {
                ids.add(executed.jobId());
            }
        }
    }

    /** Runs the job now, waits for its success, and answers when it started. */
    private static ZonedDateTime runNow(Scheduler scheduler, JobRunHistory history, String jobId) {
        assertThat(scheduler.runJob(jobId, null)).isTrue();
        await().untilAsserted(() -> assertThat(history.lastRun(jobId)).isNotNull().extracting(JobRun::outcome)
                .isEqualTo(JobRunOutcome.SUCCESS));
        return history.lastRun(jobId).started();
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
    }

    // ---- Spring Boot: the dashboard

    private WebApplicationContextRunner dashboardRunner() {
        return new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(
                ApSchedulerAutoConfiguration.class, ApSchedulerDashboardAutoConfiguration.class,
                JacksonAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
                DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class));
    }

    /** What an application of package com.acme allows, which these runners, having no application class, lack. */
    private static final class ApplicationJobTargetsOverride {
        static final String KEY = "apscheduler.job-targets.allowed";
        static final String ACME = "com.acme";
    }

    private void allowedJobTargets(Block block) {
        contextRunner.withInitializer(yaml(block, Map.of())).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(io.github.apscheduler4j.scheduler.AbstractScheduler.class).config()
                    .allowedJobTargets().patterns()).contains("com.acme.jobs", "com.acme.reports.Nightly");
        });
        TALLY.bound();
    }

    private void dashboardTurnedOn(Block block) {
        // off by default: the block is what turns it on
        dashboardRunner().run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(ApSchedulerDashboardController.class));
        dashboardRunner().withInitializer(yaml(block, Map.of())).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ApSchedulerDashboardController.class);
            MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
            mvc.perform(get("/apscheduler/api/jobs")).andExpect(status().isOk());
        });
        TALLY.bound();
    }

    private void dashboardSecurity(Block block) throws Exception {
        try (Compiled compiled = compile(block, Wrapping.compilationUnit())) {
            dashboardRunner().withClassLoader(compiled.loader())
                    .withUserConfiguration(compiled.type("SecurityConfiguration"))
                    .withPropertyValues("apscheduler.dashboard.enabled=true").run(context -> {
                        assertThat(context).hasNotFailed();
                        Scheduler scheduler = context.getBean(Scheduler.class);
                        scheduler.addJob(JobSpec.builder(() -> { }).id("nightly").trigger("cron", Map.of("hour", 3))
                                .build());
                        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
                        // every page for signed-in users only
                        mvc.perform(get("/apscheduler/api/jobs")).andExpect(status().isUnauthorized());
                        mvc.perform(get("/apscheduler/api/jobs").with(user("viewer"))).andExpect(status().isOk());
                        // users then need the role to change jobs
                        mvc.perform(post("/apscheduler/api/jobs/nightly/pause").with(user("viewer")).with(csrf()))
                                .andExpect(status().isForbidden());
                        mvc.perform(post("/apscheduler/api/jobs/nightly/pause")
                                .with(user("admin").roles("APSCHEDULER_ADMIN")).with(csrf()))
                                .andExpect(status().isOk());
                        assertThat(scheduler.getJob("nightly").isPaused()).isTrue();
                    });
            TALLY.ran();
        }
    }

    // ---- several instances on one store

    private void sharedStoreSettings(Block block) {
        Map<String, Object> environment = Map.of("HOSTNAME", "web-1", "DB_PASSWORD", "s3cret");
        ApSchedulerProperties bound = bind(block, environment);
        assertThat(bound.getInstanceId()).isEqualTo("web-1");
        assertThat(bound.getStorePollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(bound.getJobstores().get("default").asEntry()).containsExactlyInAnyOrderEntriesOf(Map.of("type", "sqlalchemy",
                "url", "jdbc:postgresql://db.internal/app", "username", "app", "password", "s3cret"));
        assertThat(bound.getJobDefaults().getMisfireGraceTime()).isEqualTo("30");

        // the build has no PostgreSQL: the same settings make the scheduler, its store on an H2 database in memory
        Map<String, Object> onH2 = new LinkedHashMap<>(environment);
        onH2.put("apscheduler.jobstores.default.url", "jdbc:h2:mem:readme-shared-store");
        // an application of com.acme has its package allowed; the runner has no @SpringBootApplication to say so
        onH2.put(ApplicationJobTargetsOverride.KEY, ApplicationJobTargetsOverride.ACME);
        contextRunner.withInitializer(yaml(block, onH2)).run(context -> {
            assertThat(context).hasNotFailed();
            AbstractScheduler scheduler = context.getBean(AbstractScheduler.class);
            assertThat(scheduler.state()).isEqualTo(SchedulerState.RUNNING);
            assertThat(scheduler.config().instanceId()).isEqualTo("web-1");
            assertThat(scheduler.config().storePollInterval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(scheduler.config().jobDefaults().misfireGraceTime()).isEqualTo(Duration.ofSeconds(30));
            assertThat(scheduler.jobStores().get("default")).isInstanceOf(JdbcJobStore.class);
            scheduler.addJob("com.acme.Reports::nightly", "cron", Map.of("hour", 3));
            assertThat(scheduler.getJobs()).hasSize(1);
        });
        TALLY.bound();
    }

    private void sharedStoreEngine(Block block) throws Exception {
        try (Compiled compiled = compile(block, Wrapping.statements("DataSource dataSource", "scheduler"))) {
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL("jdbc:h2:mem:readme-instance;DB_CLOSE_DELAY=-1");

            BackgroundScheduler scheduler = (BackgroundScheduler) compiled.run(dataSource);

            try {
                assertThat(scheduler.state()).isEqualTo(SchedulerState.RUNNING);
                assertThat(scheduler.config().instanceId()).isEqualTo("web-1");
                assertThat(scheduler.config().storePollInterval()).isEqualTo(Duration.ofSeconds(1));
                assertThat(scheduler.jobStores().get("default")).isInstanceOf(JdbcJobStore.class);
                scheduler.addJob("com.acme.Reports::nightly", "cron", Map.of("hour", 3));
                assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM apscheduler_jobs",
                        Integer.class)).isOne();
            } finally {
                scheduler.shutdown();
            }
            TALLY.ran();
        }
    }

    // ---- crashes, retries and the fire's identity

    private void runPolicySettings(Block block) {
        // what the prose says of the defaults
        assertThat(RunPolicy.DEFAULT).isEqualTo(new RunPolicy(Recovery.NONE, 0, Duration.ofSeconds(10)));
        assertThat(RunPolicy.DEFAULT.backoff(1, () -> 0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(RunPolicy.DEFAULT.backoff(2, () -> 0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(RunPolicy.DEFAULT.backoff(30, () -> 0.999_999)).isLessThanOrEqualTo(Duration.ofHours(1));
        assertThat(SchedulerConfig.DEFAULT_LEASE_DURATION).isEqualTo(Duration.ofSeconds(10));
        assertThat(SchedulerConfig.DEFAULT_LEASE_RENEWAL_INTERVAL).isEqualTo(Duration.ofSeconds(2));

        ApSchedulerProperties bound = bind(block, Map.of());
        assertThat(bound.getLeaseDuration()).isEqualTo(SchedulerConfig.DEFAULT_LEASE_DURATION);
        assertThat(bound.getLeaseRenewalInterval()).isEqualTo(SchedulerConfig.DEFAULT_LEASE_RENEWAL_INTERVAL);
        assertThat(bound.getJobDefaults().getRecovery()).isEqualTo(Recovery.RERUN);
        contextRunner.withInitializer(yaml(block, Map.of())).run(context -> {
            assertThat(context).hasNotFailed();
            SchedulerConfig config = context.getBean(AbstractScheduler.class).config();
            assertThat(config.jobDefaults().runPolicy())
                    .isEqualTo(new RunPolicy(Recovery.RERUN, 3, Duration.ofSeconds(30)));
            assertThat(config.leaseDuration()).isEqualTo(Duration.ofSeconds(10));
            assertThat(config.leaseRenewalInterval()).isEqualTo(Duration.ofSeconds(2));
        });
        TALLY.bound();
    }

    private void idempotentRetries(Block block) throws Exception {
        runAsBean(block, "invoices", context -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            RunPolicy policy = scheduler.getJob("invoice").runPolicy();
            assertThat(policy).isEqualTo(new RunPolicy(Recovery.RERUN, 3, Duration.ofSeconds(30)));
            // attempt 2 follows 15 to 30 s after the first failure
            assertThat(policy.backoff(1, () -> 0)).isEqualTo(Duration.ofSeconds(15));
            assertThat(policy.backoff(1, () -> 0.999_999)).isLessThan(Duration.ofSeconds(30));

            Object bean = context.getBean("invoices");
            @SuppressWarnings("unchecked")
            Set<String> invoiced = (Set<String>) field(bean, "invoiced");
            ZonedDateTime started = runNow(scheduler, context.getBean(JobRunHistory.class), "invoice");
            String fireId = "invoice@" + DateTimeFormatter.ISO_INSTANT.format(started);
            assertThat(invoiced).containsExactly(fireId);
            // attempt 2 at the same fire, on another instance: the work is done, the method returns
            bean.getClass().getMethod("invoice", JobContext.class).invoke(bean,
                    new JobContext("invoice", "default", null, started, 2, "web-2"));
            assertThat(invoiced).containsExactly(fireId);
        });
    }

    // ---- the engine without Spring

    private void engine(Block block) throws Exception {
        try (Compiled compiled = compile(block, Wrapping.statements("", "scheduler"))) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            PrintStream out = System.out;
            BackgroundScheduler scheduler;
            // the block prints the jobs to System.out; the tests run one at a time, so nothing else prints meanwhile
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            try {
                scheduler = (BackgroundScheduler) compiled.run();
            } finally {
                System.setOut(out);
            }

            assertThat(scheduler.state()).isEqualTo(SchedulerState.STOPPED);
            // run now, and shutdown() waited for it
            assertThat(Reports.SENT).contains("weekly to [ops@acme.com]");
            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .contains("Jobstore default:")
                    .contains("com.acme.Reports::nightly (trigger: cron[day='1', minute='20'], next run at: ")
                    .contains("(trigger: interval[0:00:10], paused)");
            assertThat(scheduler.timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
            assertThat(scheduler.getJobs()).extracting(Job::maxInstances).containsExactlyInAnyOrder(3, 3, 2);
            TALLY.ran();
        }
    }

    private void manyJobsAtOnce(Block block) throws Exception {
        try (Compiled compiled = compile(block, Wrapping.statements("Scheduler scheduler", "handles"))) {
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL("jdbc:h2:mem:readme-batch;DB_CLOSE_DELAY=-1");
            BackgroundScheduler scheduler = new BackgroundScheduler(SchedulerConfig.builder()
                    .timezone(ZoneId.of("UTC"))
                    .jobstore("default", JdbcJobStore.builder(dataSource).build())
                    .build());
            scheduler.start(true);
            try {
                @SuppressWarnings("unchecked")
                List<JobHandle> handles = (List<JobHandle>) compiled.run(scheduler);

                assertThat(handles).hasSize(1_000);
                assertThat(handles.get(999).id()).isEqualTo("reminder-999");
                assertThat(handles.get(0).jobstore()).isEqualTo("default");
                assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM apscheduler_jobs",
                        Integer.class)).isEqualTo(1_000);
                Job first = handles.get(0).job();
                assertThat(first.args()).containsExactly("reminder 0", List.of("ops@acme.com"));
                assertThat(first.nextRunTime()).isEqualTo(ZonedDateTime.of(2030, 1, 1, 9, 0, 0, 0, ZoneId.of("UTC")));
            } finally {
                scheduler.shutdown();
            }
            TALLY.ran();
        }
    }

    // ---- job stores

    private void jdbcStore(Block block) throws Exception {
        assertThat(bind(block, Map.of()).getJobstores().get("default").asEntry()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "type", "sqlalchemy", "url", "jdbc:h2:file:./data/jobs", "tablename", "apscheduler_jobs",
                "initialize_schema", "embedded"));

        // the block's file, in a directory of the test's, so that the build leaves no database behind
        String url = "jdbc:h2:file:" + scratch.resolve("jdbc-store/data/jobs").toAbsolutePath();
        contextRunner.withInitializer(yaml(block, Map.of("apscheduler.jobstores.default.url", url,
                ApplicationJobTargetsOverride.KEY, ApplicationJobTargetsOverride.ACME))).run(context -> {
            assertThat(context).hasNotFailed();
            Scheduler scheduler = context.getBean(Scheduler.class);
            assertThat(scheduler.jobStores().get("default")).isInstanceOf(JdbcJobStore.class);
            scheduler.addJob(JobSpec.builder("com.acme.Reports::nightly").id("nightly")
                    .trigger("cron", Map.of("hour", 3)).build());
        });
        // the store made its table, and the job is in the file once the application has stopped
        assertThat(new JdbcTemplate(new DriverManagerDataSource(url)).queryForList(
                "SELECT id FROM apscheduler_jobs", String.class)).containsExactly("nightly");
        TALLY.bound();
    }

    private void postgresqlSchema(Block block) throws Exception {
        String shipped = new ClassPathResource("io/github/apscheduler4j/jdbc/schema-postgresql.sql")
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(withoutComments(block.text())).as("the README's table, without its comments")
                .isEqualTo(withoutComments(shipped));
        TALLY.matched();
    }

    /** Boot's Flyway, set up as the block says, makes the tables of a store that leaves them to others. */
    private void flywayMigration(Block block) {
        runsOnMigratedTables(contextRunner.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
                .withInitializer(yaml(block, migratedStore("flyway"))));
        TALLY.bound();
    }

    /** An application's changelog that is the block, run by Boot's Liquibase, makes the same tables. */
    private void liquibaseChangelog(Block block) throws IOException {
        Path changelog = scratch.resolve("liquibase/changelog.yaml");
        Files.createDirectories(changelog.getParent());
        Files.writeString(changelog, block.text());
        Map<String, Object> values = new LinkedHashMap<>(migratedStore("liquibase"));
        values.put("spring.liquibase.change-log", changelog.toUri().toString());
        runsOnMigratedTables(contextRunner.withConfiguration(AutoConfigurations.of(LiquibaseAutoConfiguration.class))
                .withInitializer(ctx -> ctx.getEnvironment().getPropertySources()
                        .addFirst(new MapPropertySource("the test's values", values))));
        TALLY.bound();
    }

    /** A store on the application's in-memory DataSource whose tables only the migration can have made. */
    private static Map<String, Object> migratedStore(String tool) {
        return Map.of("spring.datasource.url", "jdbc:h2:mem:readme-" + tool + "-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1", "apscheduler.jobstores.default.type", "sqlalchemy",
                "apscheduler.jdbc.initialize-schema", "never",
                ApplicationJobTargetsOverride.KEY, ApplicationJobTargetsOverride.ACME);
    }

    private static void runsOnMigratedTables(ApplicationContextRunner runner) {
        runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class)).run(context -> {
            assertThat(context).hasNotFailed();
            Scheduler scheduler = context.getBean(Scheduler.class);
            assertThat(scheduler.jobStores().get("default")).isInstanceOf(JdbcJobStore.class);
            scheduler.addJob(JobSpec.builder("com.acme.Reports::nightly").id("nightly")
                    .trigger("cron", Map.of("hour", 3)).build());
            assertThat(new JdbcTemplate(context.getBean(DataSource.class)).queryForList(
                    "SELECT id FROM apscheduler_jobs", String.class)).containsExactly("nightly");
        });
    }

    private static String withoutComments(String sql) {
        return sql.lines().map(line -> line.replaceAll("--.*", "").strip().replaceAll("\\s+", " "))
                .filter(line -> !line.isEmpty()).collect(Collectors.joining("\n"));
    }

    private void mongoStore(Block block) {
        assertThat(bind(block, Map.of()).getJobstores().get("mongo").asEntry()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "type", "mongodb", "database", "apscheduler", "collection", "jobs"));

        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create(server.getConnectionString())) {
            // the block's store, on the application's MongoClient
            contextRunner.withBean(MongoClient.class, () -> client).withInitializer(yaml(block,
                    Map.of(ApplicationJobTargetsOverride.KEY, ApplicationJobTargetsOverride.ACME)))
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        Scheduler scheduler = context.getBean(Scheduler.class);
                        assertThat(scheduler.jobStores().get("mongo")).isInstanceOf(MongoJobStore.class);
                        scheduler.addJob(JobSpec.builder("com.acme.Reports::nightly").id("nightly")
                                .trigger("cron", Map.of("hour", 3)).jobstore("mongo").build());
                        assertThat(client.getDatabase("apscheduler").getCollection("jobs").countDocuments()).isOne();
                    });
        } finally {
            server.shutdownNow();
        }
        TALLY.bound();
    }

    /** Binds the block; with APSCHEDULER_TEST_REDIS_URL set, also runs it on Boot's connection factory to that server. */
    private void redisStore(Block block) {
        assertThat(bind(block, Map.of()).getJobstores().get("redis").asEntry()).containsExactlyInAnyOrderEntriesOf(
                Map.of("type", "redis", "key_prefix", "apscheduler."));
        String url = System.getenv(TestDatabase.REDIS_URL);
        if (url == null || url.isBlank()) {
            System.err.println("[apscheduler-test] the README's Redis store is bound, not run: " + TestDatabase.REDIS_URL
                    + " is not set");
            TALLY.bound();
            return;
        }
        // the block's store, on the application's RedisConnectionFactory, under a prefix of this test's own
        String prefix = "apscheduler-readme-test:" + UUID.randomUUID() + ":";
        contextRunner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
                .withInitializer(yaml(block, Map.of("spring.data.redis.url", url,
                        "apscheduler.jobstores.redis.key_prefix", prefix,
                        ApplicationJobTargetsOverride.KEY, ApplicationJobTargetsOverride.ACME)))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Scheduler scheduler = context.getBean(Scheduler.class);
                    assertThat(scheduler.jobStores().get("redis")).isInstanceOf(RedisJobStore.class);
                    StringRedisTemplate redis = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
                    try {
                        scheduler.addJob(JobSpec.builder("com.acme.Reports::nightly").id("nightly")
                                .trigger("cron", Map.of("hour", 3)).jobstore("redis").build());
                        assertThat(redis.opsForHash().keys(prefix + "jobs")).containsExactly("nightly");
                        assertThat(redis.opsForZSet().size(prefix + "run_times")).isOne();
                    } finally {
                        redis.delete(List.copyOf(redis.keys(prefix + "*")));
                    }
                });
        TALLY.bound();
    }

    // ---- helpers

    private static Compiled compile(Block block, Wrapping wrapping) {
        Compiled compiled = JavaBlocks.compile(block, wrapping, scratch.resolve("classes-" + block.line()));
        TALLY.compiled();
        return compiled;
    }

    private static List<PropertySource<?>> load(Block block) {
        try {
            return new YamlPropertySourceLoader().load(block.location(),
                    new ByteArrayResource(block.text().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new AssertionError(block.location() + ": the ```yaml block is no YAML", e);
        }
    }

    /**
     * Puts the block in the application's environment, as an application.yml would be, with {@code overrides} (the
     * test's own values, and values for the block's placeholders) above it.
     */
    private static ApplicationContextInitializer<ConfigurableApplicationContext> yaml(Block block,
            Map<String, Object> overrides) {
        List<PropertySource<?>> documents = load(block);
        return context -> {
            MutablePropertySources sources = context.getEnvironment().getPropertySources();
            documents.forEach(sources::addFirst);
            sources.addFirst(new MapPropertySource("the test's values", overrides));
        };
    }

    /** The block alone, bound as Spring Boot binds apscheduler.*, placeholders resolved from {@code environment}. */
    private static ApSchedulerProperties bind(Block block, Map<String, Object> environment) {
        MutablePropertySources sources = new MutablePropertySources();
        load(block).forEach(sources::addLast);
        sources.addLast(new MapPropertySource("environment", environment));
        return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources))
                .bindOrCreate("apscheduler", ApSchedulerProperties.class);
    }

    @FunctionalInterface
    private interface Verification {

        void verify(Block block) throws Exception;
    }

    private record Check(String language, String key, String shows, Verification verification) {

        boolean claims(Block block) {
            String blockLanguage = block.language().equals("yml") ? "yaml" : block.language();
            return blockLanguage.equals(language) && block.text().contains(key);
        }
    }

    /** What the checks did, printed once they have run. */
    private static final class Tally {

        private final Map<String, Integer> found = new TreeMap<>();
        private final AtomicInteger bound = new AtomicInteger();
        private final AtomicInteger compiled = new AtomicInteger();
        private final AtomicInteger ran = new AtomicInteger();
        private final AtomicInteger matched = new AtomicInteger();

        synchronized void found(Block block) {
            found.merge(block.language().isEmpty() ? "(none)" : block.language(), 1, Integer::sum);
        }

        void bound() {
            bound.incrementAndGet();
        }

        void compiled() {
            compiled.incrementAndGet();
        }

        void ran() {
            ran.incrementAndGet();
        }

        void matched() {
            matched.incrementAndGet();
        }

        @Override
        public synchronized String toString() {
            int total = found.values().stream().mapToInt(Integer::intValue).sum();
            int checked = found.entrySet().stream().filter(e -> CHECKED_LANGUAGES.contains(e.getKey()))
                    .mapToInt(Map.Entry::getValue).sum();
            return "README.md: " + total + " blocks found " + found + "; " + checked + " to check (java, yaml, sql): "
                    + bound + " YAML bound, " + compiled + " Java compiled, " + ran + " Java run, " + matched
                    + " SQL matched; " + (total - checked) + " shell, log and JSON blocks not checked";
        }
    }
}
