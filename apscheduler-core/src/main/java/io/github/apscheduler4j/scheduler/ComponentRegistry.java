package io.github.apscheduler4j.scheduler;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * The scheduler's components of one kind (job stores or executors) by alias, in the order they were added. Not thread
 * safe: the scheduler guards it with its lock.
 *
 * @param <T> the kind of component
 */
final class ComponentRegistry<T> {

    private final String kind;
    private final String kindPlural;
    private final BiConsumer<String, T> starter;
    private final Map<String, T> byAlias = new LinkedHashMap<>();

    /**
     * @param kind what a component is called in messages ({@code job store}, {@code executor})
     * @param starter starts a component under its alias, as the scheduler starts
     */
    ComponentRegistry(String kind, String kindPlural, Map<String, T> initial, BiConsumer<String, T> starter) {
        this.kind = kind;
        this.kindPlural = kindPlural;
        this.starter = starter;
        byAlias.putAll(initial);
    }

    /**
     * Adds a component, and starts it when the scheduler runs (else it starts with the scheduler).
     *
     * @throws IllegalArgumentException when the alias is blank or taken
     */
    void add(String alias, T component, boolean schedulerStarted) {
        SchedulerConfig.Builder.requireAlias(alias, kind);
        if (byAlias.containsKey(alias)) {
            throw new IllegalArgumentException("This scheduler already has " + article() + kind + " by the alias of \""
                    + alias + "\"");
        }
        byAlias.put(alias, component);
        if (schedulerStarted) {
            starter.accept(alias, component);
        }
    }

    /** Starts every component, as the scheduler starts. */
    void startAll() {
        byAlias.forEach(starter);
    }

    void addIfAbsent(String alias, T component) {
        byAlias.putIfAbsent(alias, component);
    }

    /** Removes a component and returns it. @throws IllegalArgumentException when there is none by that alias */
    T remove(String alias) {
        T component = require(alias, null);
        byAlias.remove(alias);
        return component;
    }

    /** The component by that alias, or {@code null}. */
    T get(String alias) {
        return byAlias.get(alias);
    }

    /**
     * The component by that alias.
     *
     * @param jobId the job that names it, for the message, or {@code null}
     * @throws IllegalArgumentException when there is none, listing those there are
     */
    T require(String alias, String jobId) {
        T component = byAlias.get(alias);
        if (component == null) {
            throw new IllegalArgumentException("No such " + kind + ": '" + alias + "'"
                    + (jobId == null ? "" : " (named by job '" + jobId + "')") + "; known " + kindPlural + ": "
                    + byAlias.keySet());
        }
        return component;
    }

    /** Calls {@code action} for the component by {@code alias}, or for every one when {@code alias} is {@code null}. */
    void forEachMatching(String alias, BiConsumer<String, T> action) {
        byAlias.forEach((key, component) -> {
            if (alias == null || alias.equals(key)) {
                action.accept(key, component);
            }
        });
    }

    /**
     * The first answer other than {@code null} that {@code lookup} gives for the component by {@code alias}, or for
     * each in turn when {@code alias} is {@code null}; {@code null} when none gives one.
     */
    <R> R firstMatching(String alias, BiFunction<String, T, R> lookup) {
        for (Map.Entry<String, T> entry : byAlias.entrySet()) {
            if (alias == null || alias.equals(entry.getKey())) {
                R answer = lookup.apply(entry.getKey(), entry.getValue());
                if (answer != null) {
                    return answer;
                }
            }
        }
        return null;
    }

    void forEach(BiConsumer<String, T> action) {
        byAlias.forEach(action);
    }

    /** The components, in the order of adding. */
    Iterable<T> components() {
        return byAlias.values();
    }

    /** The aliases, for messages. */
    Iterable<String> aliases() {
        return byAlias.keySet();
    }

    /** A copy, in the order of adding. */
    Map<String, T> snapshot() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(byAlias));
    }

    private String article() {
        return "aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ";
    }
}
