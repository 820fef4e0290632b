package io.github.apscheduler4j.boot.annotation;

import io.github.apscheduler4j.annotation.ApsJob;
import io.github.apscheduler4j.annotation.ApsJobHolder;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Ahead of time, registers for invocation by reflection the methods a {@code bean:name.method} job target may call,
 * which is how a job's run calls them: each bean's {@link ApsJob} methods, and the public methods of an
 * {@link ApsJobHolder} bean (for jobs added in code). A native image keeps them callable. The bean types that
 * {@code apscheduler.job-targets.allowed} names are only known when the application runs: their methods need hints
 * of the application's own.
 */
final class ApsJobBeanRegistrationAotProcessor implements BeanRegistrationAotProcessor {

    @Override
    public BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
        Class<?> beanClass = ClassUtils.getUserClass(registeredBean.getBeanClass());
        Set<Method> methods = new LinkedHashSet<>(ApsJobMethods.of(beanClass).keySet());
        if (AnnotatedElementUtils.hasAnnotation(beanClass, ApsJobHolder.class)) {
            methods.addAll(Set.of(ReflectionUtils.getUniqueDeclaredMethods(beanClass, method ->
                    Modifier.isPublic(method.getModifiers()) && method.getDeclaringClass() != Object.class)));
        }
        if (methods.isEmpty()) {
            return null;
        }
        return (generationContext, code) -> methods.forEach(
                method -> generationContext.getRuntimeHints().reflection().registerMethod(method, ExecutableMode.INVOKE));
    }
}
