package io.github.apscheduler4j.boot.annotation;

import io.github.apscheduler4j.annotation.ApsJob;
import java.lang.reflect.Method;
import java.util.Set;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.util.ClassUtils;

/**
 * Ahead of time, registers the {@link ApsJob} methods of each bean for invocation by reflection, which is how a
 * declared job's run calls its method ({@code bean:name.method}): a native image keeps them callable.
 */
final class ApsJobBeanRegistrationAotProcessor implements BeanRegistrationAotProcessor {

    @Override
    public BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
        Class<?> beanClass = ClassUtils.getUserClass(registeredBean.getBeanClass());
        Set<Method> methods = ApsJobMethods.of(beanClass).keySet();
        if (methods.isEmpty()) {
            return null;
        }
        return (generationContext, code) -> methods.forEach(
                method -> generationContext.getRuntimeHints().reflection().registerMethod(method, ExecutableMode.INVOKE));
    }
}
