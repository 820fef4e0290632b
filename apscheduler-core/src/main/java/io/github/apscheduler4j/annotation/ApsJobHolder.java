package io.github.apscheduler4j.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean type whose public methods job targets may name ({@code bean:reports.nightly}), with the Spring Boot
 * starter. A store row is data, not code: by default a {@code bean:} target may only name a method annotated
 * {@link ApsJob}; this annotation allows the public methods of beans of the marked type too, for jobs added through the
 * API. Never-listed classes (the JDK's, Spring's, this project's) stay refused.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface ApsJobHolder {
}
