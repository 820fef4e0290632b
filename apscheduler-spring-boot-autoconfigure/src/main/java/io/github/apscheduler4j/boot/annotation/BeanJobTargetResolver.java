package io.github.apscheduler4j.boot.annotation;

import io.github.apscheduler4j.annotation.ApsJob;
import io.github.apscheduler4j.annotation.ApsJobHolder;
import io.github.apscheduler4j.annotation.ApsJobs;
import io.github.apscheduler4j.job.AllowedJobTargets;
import io.github.apscheduler4j.job.InvalidJobTargetException;
import io.github.apscheduler4j.job.JobFunction;
import io.github.apscheduler4j.job.JobTargetResolver;
import io.github.apscheduler4j.job.MethodJobFunction;
import io.github.apscheduler4j.job.RefusedJobTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Resolves {@code bean:beanName.methodName} to that method of that bean, looked up in the bean factory at each run
 * (so that scoped and lazy beans work); the job's args and kwargs go to the method's parameters. The method must not
 * be overloaded, and must be allowed: a method annotated {@link ApsJob} (which may be non-public), or a public method of
 * a bean whose type is marked {@link ApsJobHolder} or falls under the allowed bean types
 * ({@code apscheduler.job-targets.allowed}); never one of a never-listed class ({@link AllowedJobTargets#NEVER}). A
 * refused target throws {@link RefusedJobTargetException}. Other references are left to the next resolver.
 */
public class BeanJobTargetResolver implements JobTargetResolver {

    /** The scheme of the references this resolver handles. */
    public static final String PREFIX = "bean:";

    private final BeanFactory beanFactory;
    private final AllowedJobTargets allowedBeanTypes;

    /** Allows {@link ApsJob} methods and the public methods of {@link ApsJobHolder} beans only. */
    public BeanJobTargetResolver(BeanFactory beanFactory) {
        this(beanFactory, AllowedJobTargets.of(List.of()));
    }

    /** Also allows the public methods of beans whose type {@code allowedBeanTypes} allows. */
    public BeanJobTargetResolver(BeanFactory beanFactory, AllowedJobTargets allowedBeanTypes) {
        this.beanFactory = beanFactory;
        this.allowedBeanTypes = allowedBeanTypes;
    }

    /** The reference of {@code methodName} of the bean named {@code beanName}. */
    public static String reference(String beanName, String methodName) {
        return PREFIX + beanName + "." + methodName;
    }

    @Override
    public JobFunction resolve(String reference) {
        if (!reference.startsWith(PREFIX)) {
            return null;
        }
        // bean names may hold dots; method names cannot
        int dot = reference.lastIndexOf('.');
        if (dot <= PREFIX.length() || dot == reference.length() - 1) {
            throw new InvalidJobTargetException("job target '" + reference + "': expected bean:beanName.methodName");
        }
        String beanName = reference.substring(PREFIX.length(), dot);
        String methodName = reference.substring(dot + 1);
        if (!beanFactory.containsBean(beanName)) {
            throw new InvalidJobTargetException("job target '" + reference + "': there is no bean named '" + beanName
                    + "'");
        }
        Class<?> beanType = beanFactory.getType(beanName);
        if (beanType == null) {
            throw new InvalidJobTargetException("job target '" + reference + "': the type of bean '" + beanName
                    + "' cannot be determined");
        }
        Class<?> userType = ClassUtils.getUserClass(beanType);
        Method method = uniqueMethod(reference, userType, methodName);
        if (Proxy.isProxyClass(userType)) {
            // a JDK proxy's own class says nothing of the bean: judge by the interface declaring the method
            Method declared = interfaceMethod(userType, method);
            checkAllowed(reference, declared.getDeclaringClass(), declared);
        } else {
            checkAllowed(reference, userType, method);
        }
        // a JDK proxy only has the interface's methods: call the one it can delegate
        Method invocable = AopUtils.selectInvocableMethod(method, beanType);
        return new MethodJobFunction(() -> beanFactory.getBean(beanName), invocable);
    }

    private static Method interfaceMethod(Class<?> proxyType, Method method) {
        for (Class<?> type : ClassUtils.getAllInterfacesForClassAsSet(proxyType)) {
            Method declared = ClassUtils.getMethodIfAvailable(type, method.getName(), method.getParameterTypes());
            if (declared != null) {
                return declared;
            }
        }
        return method;
    }

    private void checkAllowed(String reference, Class<?> type, Method method) {
        AllowedJobTargets.checkNeverListed(reference, type);
        AllowedJobTargets.checkNeverListed(reference, method.getDeclaringClass());
        if (AnnotatedElementUtils.hasAnnotation(method, ApsJob.class)
                || AnnotatedElementUtils.hasAnnotation(method, ApsJobs.class)) {
            return;
        }
        boolean holder = AnnotatedElementUtils.hasAnnotation(type, ApsJobHolder.class)
                || allowedBeanTypes.allows(type.getName());
        if (!holder) {
            throw new RefusedJobTargetException(reference, "the method is not annotated @ApsJob, and the bean's type "
                    + type.getName() + " is neither marked @ApsJobHolder nor among apscheduler.job-targets.allowed "
                    + allowedBeanTypes.patterns());
        }
        if (!Modifier.isPublic(method.getModifiers())) {
            throw new RefusedJobTargetException(reference, type.getName() + "." + method.getName() + " is not public;"
                    + " only @ApsJob methods may be non-public");
        }
    }

    private static Method uniqueMethod(String reference, Class<?> type, String methodName) {
        List<Method> candidates = Arrays.stream(ReflectionUtils.getUniqueDeclaredMethods(type,
                        method -> method.getName().equals(methodName) && method.getDeclaringClass() != Object.class))
                .toList();
        if (candidates.isEmpty()) {
            throw new InvalidJobTargetException("job target '" + reference + "': " + type.getName()
                    + " has no method named '" + methodName + "'");
        }
        if (candidates.size() > 1) {
            throw new InvalidJobTargetException("job target '" + reference + "': " + type.getName() + "." + methodName
                    + " is overloaded; give the job a method with a unique name");
        }
        return candidates.get(0);
    }
}
