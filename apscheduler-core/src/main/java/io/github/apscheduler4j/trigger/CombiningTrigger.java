package io.github.apscheduler4j.trigger;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What {@link AndTrigger} and {@link OrTrigger} are made of: the triggers they combine and a jitter. */
abstract class CombiningTrigger extends KeywordTrigger {

    final List<Trigger> triggers;
    final Duration jitter;

    CombiningTrigger(String type, List<? extends Trigger> triggers, Duration jitter) {
        super(type);
        this.triggers = CombinedTriggers.validated(type, triggers, jitter);
        this.jitter = jitter == null || jitter.isZero() ? null : jitter;
    }

    public final List<Trigger> triggers() {
        return triggers;
    }

    @Override
    final Map<String, Object> buildArguments() {
        return CombinedTriggers.arguments(triggers, jitter);
    }

    /** As APScheduler prints it: {@code or[cron[hour='7'], interval[0:00:03]]}. */
    @Override
    public final String toString() {
        return CombinedTriggers.describe(type(), triggers);
    }
}
