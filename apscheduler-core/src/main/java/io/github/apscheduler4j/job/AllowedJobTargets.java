package io.github.apscheduler4j.job;

import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which classes a job target reference may name. A store row is data, not code: whoever can write the table must not
 * be able to call {@code java.lang.System::exit}, so a reference read from a store, from configuration or given to
 * {@code addJob} is checked here before its class is even loaded.
 *
 * <ul>
 * <li>never, whatever is allowed: the JDK's packages ({@code java}, {@code javax}, {@code jdk}, {@code sun},
 * {@code com.sun}), Spring's ({@code org.springframework}) and this project's own ({@code io.github.apscheduler4j.job},
 * {@code .scheduler}, ...: {@link #NEVER}); only the project's test classes, which no application ships, are exempt
 * from its own;</li>
 * <li>{@link #of(Collection) of(patterns)}: only classes in those packages ({@code com.acme}, {@code com.acme.*} and
 * {@code com.acme.**} all mean the package and its subpackages) or those classes ({@code com.acme.Reports}, with its
 * nested classes);</li>
 * <li>{@link #outsideNeverList()}: any class outside the never-list (the plain engine's default, so that existing
 * code keeps working; the scheduler warns when a shared store is read under it).</li>
 * </ul>
 * Immutable and thread safe.
 */
public final class AllowedJobTargets {

    /** The packages a job target may never name, whatever is allowed. */
    public static final List<String> NEVER;

    // the packages of the project's product modules (not its sample, test support or benchmarks)
    private static final List<String> PROJECT = List.of("annotation", "boot", "config", "event", "executor", "job",
            "jdbc", "mongodb", "redis", "scheduler", "store", "time", "trigger").stream()
            .map(name -> "io.github.apscheduler4j." + name).toList();

    static {
        List<String> never = new ArrayList<>(List.of("java", "javax", "jdk", "sun", "com.sun", "org.springframework"));
        never.addAll(PROJECT);
        NEVER = List.copyOf(never);
    }
    private static final Pattern CLASS_NAME = Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
            + "([.$]\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");
    private static final AllowedJobTargets OUTSIDE_NEVER_LIST = new AllowedJobTargets(null);

    // null: any class outside the never-list
    private final List<String> allowed;

    private AllowedJobTargets(List<String> allowed) {
        this.allowed = allowed;
    }

    /** Any class outside the never-list. */
    public static AllowedJobTargets outsideNeverList() {
        return OUTSIDE_NEVER_LIST;
    }

    /**
     * Only the classes the patterns name, and never those of the never-list.
     *
     * @throws IllegalArgumentException naming a pattern that is not a package or class name
     */
    public static AllowedJobTargets of(Collection<String> patterns) {
        List<String> prefixes = new ArrayList<>();
        for (String pattern : patterns) {
            prefixes.add(prefix(pattern));
        }
        return new AllowedJobTargets(List.copyOf(prefixes));
    }

    private static String prefix(String pattern) {
        String trimmed = pattern == null ? "" : pattern.trim();
        String name = trimmed.endsWith(".**") ? trimmed.substring(0, trimmed.length() - 3)
                : trimmed.endsWith(".*") ? trimmed.substring(0, trimmed.length() - 2) : trimmed;
        if (!CLASS_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("allowed job target pattern '" + pattern + "' is not a package or class"
                    + " name (com.acme, com.acme.**, com.acme.Reports)");
        }
        return name;
    }

    /** Whether only the allowed patterns may be named (false: any class outside the never-list). */
    public boolean isRestricted() {
        return allowed != null;
    }

    /** The allowed packages and classes; empty when {@linkplain #isRestricted() not restricted}. */
    public List<String> patterns() {
        return allowed == null ? List.of() : allowed;
    }

    /** Whether the class name falls under one of the allowed patterns (always true when not restricted). */
    public boolean allows(String className) {
        return allowed == null || allowed.stream().anyMatch(prefix -> within(className, prefix));
    }

    /**
     * Checks a class name before its class is loaded: its form, the never-list (but for the project's own test
     * classes, told apart once loaded) and the allowed patterns.
     *
     * @throws RefusedJobTargetException naming the reference and the rule
     */
    public void checkName(String reference, String className) {
        if (!CLASS_NAME.matcher(className).matches()) {
            throw new RefusedJobTargetException(reference, "'" + RefusedJobTargetException.shown(className)
                    + "' is not a class name");
        }
        String never = neverListed(className);
        if (never != null && !PROJECT.contains(never)) {
            throw new RefusedJobTargetException(reference, className + " is in " + never + ".*, which job targets may"
                    + " never name");
        }
        if (!allows(className)) {
            throw new RefusedJobTargetException(reference, className + " is not among the allowed job targets "
                    + allowed);
        }
    }

    /**
     * Checks a loaded class, or the class declaring the method a target calls, against the never-list.
     *
     * @throws RefusedJobTargetException naming the reference and the rule
     */
    public static void checkNeverListed(String reference, Class<?> type) {
        String never = neverListed(type.getName());
        if (never != null && !(PROJECT.contains(never) && isTestClass(type))) {
            throw new RefusedJobTargetException(reference, type.getName() + " is in " + never + ".*, which job targets"
                    + " may never name");
        }
    }

    private static String neverListed(String className) {
        return NEVER.stream().filter(prefix -> within(className, prefix)).findFirst().orElse(null);
    }

    private static boolean within(String className, String prefix) {
        return className.equals(prefix) || (className.startsWith(prefix) && (className.charAt(prefix.length()) == '.'
                || className.charAt(prefix.length()) == '$'));
    }

    // the project's own tests name their own classes; a build's test output is never part of an application
    private static boolean isTestClass(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        return location != null && location.getPath().endsWith("/test-classes/");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AllowedJobTargets that && Objects.equals(allowed, that.allowed);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(allowed);
    }

    @Override
    public String toString() {
        return allowed == null ? "allowed job targets: any outside " + NEVER : "allowed job targets: " + allowed;
    }
}
