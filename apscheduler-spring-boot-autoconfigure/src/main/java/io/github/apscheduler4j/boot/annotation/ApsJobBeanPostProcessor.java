package io.github.apscheduler4j.boot.annotation;

import io.github.apscheduler4j.annotation.ApsJob;
import io.github.apscheduler4j.annotation.ApsJobs;
import io.github.apscheduler4j.event.EventMask;
import io.github.apscheduler4j.event.EventType;
import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.event.SchedulerListener;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.scheduler.SchedulerState;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.EmbeddedValueResolverAware;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringValueResolver;

/**
 * Finds {@link ApsJob} methods on beans as they are created, checks each annotation at once, and adds the jobs to
 * the {@link Scheduler} bean when the application context is refreshed (beans created later, such as lazy ones, add
 * theirs when created). Jobs replace stored jobs of the same id, so that a persistent store holds one job per
 * annotation across restarts. A job without a trigger is added when the scheduler starts, so that it runs then.
 */
public class ApsJobBeanPostProcessor implements BeanPostProcessor, EmbeddedValueResolverAware, ApplicationContextAware,
        ApplicationListener<ContextRefreshedEvent> {

    private static final Logger log = LoggerFactory.getLogger(ApsJobBeanPostProcessor.class);

    private final Set<Class<?>> classesWithoutJobs = ConcurrentHashMap.newKeySet();
    private final List<ApsJobDefinition> pending = new ArrayList<>();
    private ApsJobParser parser = new ApsJobParser(null);
    private ApplicationContext applicationContext;
    private volatile boolean refreshed;

    @Override
    public void setEmbeddedValueResolver(StringValueResolver resolver) {
        this.parser = new ApsJobParser(resolver);
    }

    @Override
    public void setApplicationContext(ApplicationContext applicationContext) {
        this.applicationContext = applicationContext;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AopInfrastructureBean || ScopedProxyUtils.isScopedTarget(beanName)) {
            return bean;
        }
        Class<?> targetClass = AopProxyUtils.ultimateTargetClass(bean);
        if (classesWithoutJobs.contains(targetClass)
                || !AnnotationUtils.isCandidateClass(targetClass, List.of(ApsJob.class, ApsJobs.class))) {
            return bean;
        }
        Map<Method, Set<ApsJob>> annotated = MethodIntrospector.selectMethods(targetClass,
                (MethodIntrospector.MetadataLookup<Set<ApsJob>>) method -> {
                    Set<ApsJob> jobs = AnnotatedElementUtils.getMergedRepeatableAnnotations(method, ApsJob.class,
                            ApsJobs.class);
                    return jobs.isEmpty() ? null : jobs;
                });
        if (annotated.isEmpty()) {
            classesWithoutJobs.add(targetClass);
            return bean;
        }
        Class<?> userClass = ClassUtils.getUserClass(targetClass);
        List<ApsJobDefinition> definitions = new ArrayList<>();
        annotated.forEach((method, jobs) -> {
            requireUniqueName(userClass, method);
            int ordinal = 0;
            for (ApsJob job : new LinkedHashSet<>(jobs)) {
                definitions.add(parser.parse(beanName, userClass, method, job, ordinal++));
            }
        });
        synchronized (pending) {
            if (refreshed) {
                definitions.forEach(this::add);
            } else {
                pending.addAll(definitions);
            }
        }
        return bean;
    }

    private static void requireUniqueName(Class<?> type, Method method) {
        long sameName = Arrays.stream(type.getDeclaredMethods()).filter(m -> m.getName().equals(method.getName())).count();
        if (sameName > 1) {
            throw new InvalidApsJobException(type.getSimpleName() + "." + method.getName(),
                    "the method is overloaded; a job names its method by name alone, so give it a unique name", null);
        }
    }

    @Override
    public void onApplicationEvent(ContextRefreshedEvent event) {
        // a child context (a management context on its own port) is refreshed too: only ours counts
        if (event.getApplicationContext() != applicationContext) {
            return;
        }
        synchronized (pending) {
            if (refreshed) {
                return;
            }
            refreshed = true;
            pending.forEach(this::add);
            pending.clear();
        }
    }

    private void add(ApsJobDefinition definition) {
        Scheduler scheduler = applicationContext.getBean(Scheduler.class);
        requireKnown(definition, "executor", definition.spec().executor(), scheduler.executors().keySet());
        requireKnown(definition, "jobstore", definition.spec().jobstore(), scheduler.jobStores().keySet());
        if (definition.runsOnceAtStart() && scheduler.state() == SchedulerState.STOPPED) {
            scheduler.addListener(new AddWhenStarted(scheduler, definition), EventMask.of(EventType.SCHEDULER_STARTED));
            log.debug("Job '{}' of {} runs once, when the scheduler starts", definition.spec().id(), definition.method());
            return;
        }
        try {
            scheduler.addJob(definition.spec());
        } catch (IllegalArgumentException e) {
            throw new InvalidApsJobException(definition.method(), e.getMessage(), e);
        }
    }

    private static void requireKnown(ApsJobDefinition definition, String attribute, String alias, Set<String> aliases) {
        Set<String> known = new LinkedHashSet<>(aliases);
        // the scheduler makes its default store and executor when it starts, if none is configured by then
        known.add(SchedulerConfig.DEFAULT_ALIAS);
        if (alias != null && !known.contains(alias)) {
            throw new InvalidApsJobException(definition.method(), attribute + ": '" + alias + "' does not exist; known "
                    + attribute + "s: " + String.join(", ", known), null);
        }
    }

    /** Adds a job that has no trigger when the scheduler starts, so that it runs then; once. */
    private static final class AddWhenStarted implements SchedulerListener {

        private final Scheduler scheduler;
        private final JobSpec spec;

        AddWhenStarted(Scheduler scheduler, ApsJobDefinition definition) {
            this.scheduler = scheduler;
            this.spec = definition.spec();
        }

        @Override
        public void onEvent(SchedulerEvent event) {
            scheduler.removeListener(this);
            scheduler.addJob(spec);
        }
    }
}
