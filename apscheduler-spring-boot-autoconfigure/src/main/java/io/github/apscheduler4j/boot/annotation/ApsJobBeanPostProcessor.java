package io.github.apscheduler4j.boot.annotation;

import io.github.apscheduler4j.annotation.ApsJob;
import io.github.apscheduler4j.event.EventMask;
import io.github.apscheduler4j.event.EventType;
import io.github.apscheduler4j.event.SchedulerEvent;
import io.github.apscheduler4j.event.SchedulerListener;
import io.github.apscheduler4j.scheduler.Scheduler;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import io.github.apscheduler4j.scheduler.SchedulerState;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.EmbeddedValueResolverAware;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringValueResolver;

/**
 * Finds {@link ApsJob} methods on beans as they are created, checks each annotation at once, and, once the application
 * context is refreshed and the {@link Scheduler} bean runs, reconciles each job with its store through
 * {@link DeclaredJobs}: a job is added when absent, left as stored when its declaration is unchanged (paused or not,
 * with its next run time), updated when it changed; then stored jobs an {@code @ApsJob} declared earlier and none
 * declares now are dealt with as {@code apscheduler.declared-jobs.orphans} says. When the scheduler has not started at
 * refresh ({@code apscheduler.auto-start=false}), all of this happens when it starts. Beans created later, such as
 * lazy ones, reconcile theirs when created; their jobs are known to be declared from refresh on, so that they are not
 * taken for orphans meanwhile. A job without a trigger is written to run at each start.
 */
public class ApsJobBeanPostProcessor implements BeanPostProcessor, EmbeddedValueResolverAware, ApplicationContextAware,
        BeanFactoryAware, ApplicationListener<ContextRefreshedEvent> {

    private final Set<Class<?>> classesWithoutJobs = ConcurrentHashMap.newKeySet();
    private final Set<String> inspectedBeans = ConcurrentHashMap.newKeySet();
    // every job an annotation declares, of beans created or not: what is not an orphan
    private final Set<DeclaredJobs.JobKey> declared = ConcurrentHashMap.newKeySet();
    // guards itself, refreshed and reconciledAtStart
    private final List<ApsJobDefinition> pending = new ArrayList<>();
    private ApsJobParser parser = new ApsJobParser(null);
    private ApplicationContext applicationContext;
    private ListableBeanFactory beanFactory;
    private boolean refreshed;
    private boolean reconciledAtStart;

    @Override
    public void setEmbeddedValueResolver(StringValueResolver resolver) {
        this.parser = new ApsJobParser(resolver);
    }

    @Override
    public void setApplicationContext(ApplicationContext applicationContext) {
        this.applicationContext = applicationContext;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory instanceof ListableBeanFactory listable ? listable : null;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        inspectedBeans.add(beanName);
        if (bean instanceof AopInfrastructureBean || ScopedProxyUtils.isScopedTarget(beanName)) {
            return bean;
        }
        List<ApsJobDefinition> definitions = definitionsOf(beanName, AopProxyUtils.ultimateTargetClass(bean));
        if (definitions.isEmpty()) {
            return bean;
        }
        definitions.forEach(definition -> declared.add(DeclaredJobs.JobKey.of(definition.spec())));
        synchronized (pending) {
            if (refreshed) {
                definitions.forEach(this::checked);
            }
            if (reconciledAtStart) {
                definitions.forEach(definition -> declaredJobs().reconcile(definition));
            } else {
                pending.addAll(definitions);
            }
        }
        return bean;
    }

    /** The jobs the annotations of a bean's class declare, read and checked. */
    private List<ApsJobDefinition> definitionsOf(String beanName, Class<?> targetClass) {
        if (classesWithoutJobs.contains(targetClass)) {
            return List.of();
        }
        Map<Method, Set<ApsJob>> annotated = ApsJobMethods.of(targetClass);
        if (annotated.isEmpty()) {
            classesWithoutJobs.add(targetClass);
            return List.of();
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
        return definitions;
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
            // an alias that does not exist stops start-up now, even when the jobs are reconciled later, at start
            pending.forEach(this::checked);
        }
        declared.addAll(declaredByBeansNotCreatedYet());
        Scheduler scheduler = applicationContext.getBean(Scheduler.class);
        // listening first: a scheduler starting meanwhile is not missed, and reconcileAtStart runs once
        ReconcileWhenStarted whenStarted = new ReconcileWhenStarted(scheduler);
        scheduler.addListener(whenStarted, EventMask.of(EventType.SCHEDULER_STARTED));
        if (scheduler.state() != SchedulerState.STOPPED) {
            scheduler.removeListener(whenStarted);
            reconcileAtStart();
        }
    }

    private void reconcileAtStart() {
        List<ApsJobDefinition> definitions;
        synchronized (pending) {
            if (reconciledAtStart) {
                return;
            }
            reconciledAtStart = true;
            definitions = List.copyOf(pending);
            pending.clear();
        }
        declaredJobs().reconcileAtStart(definitions, Set.copyOf(declared));
    }

    /**
     * The jobs declared by the beans not created by refresh (lazy ones, say), read from their types without creating
     * them; one whose annotations are invalid is left out, its creation reports them.
     */
    private Set<DeclaredJobs.JobKey> declaredByBeansNotCreatedYet() {
        Set<DeclaredJobs.JobKey> keys = new HashSet<>();
        if (beanFactory == null) {
            return keys;
        }
        for (String beanName : beanFactory.getBeanDefinitionNames()) {
            if (inspectedBeans.contains(beanName) || ScopedProxyUtils.isScopedTarget(beanName)) {
                continue;
            }
            Class<?> type = beanFactory.getType(beanName, false);
            if (type == null) {
                continue;
            }
            try {
                definitionsOf(beanName, type).forEach(definition -> keys.add(DeclaredJobs.JobKey.of(definition.spec())));
            } catch (InvalidApsJobException e) {
                // reported when the bean is created
            }
        }
        return keys;
    }

    private DeclaredJobs declaredJobs() {
        return applicationContext.getBeanProvider(DeclaredJobs.class).getIfAvailable(
                () -> new DeclaredJobs(applicationContext.getBean(Scheduler.class), OrphanPolicy.KEEP));
    }

    /** The definition, once its store and executor are known to exist. */
    private ApsJobDefinition checked(ApsJobDefinition definition) {
        Scheduler scheduler = applicationContext.getBean(Scheduler.class);
        requireKnown(definition, "executor", definition.spec().executor(), scheduler.executors().keySet());
        requireKnown(definition, "jobstore", definition.spec().jobstore(), scheduler.jobStores().keySet());
        return definition;
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

    /** Reconciles the declared jobs when the scheduler starts, if it had not started at refresh; once. */
    private final class ReconcileWhenStarted implements SchedulerListener {

        private final Scheduler scheduler;

        ReconcileWhenStarted(Scheduler scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public void onEvent(SchedulerEvent event) {
            scheduler.removeListener(this);
            reconcileAtStart();
        }
    }
}
