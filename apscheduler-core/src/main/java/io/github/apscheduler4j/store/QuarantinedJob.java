package io.github.apscheduler4j.store;

import java.util.Objects;

/**
 * A stored job record that could not be read back: its state is not valid JSON, is of another format or names an
 * unknown trigger (a target this instance cannot resolve does not make a record unreadable). Persistent stores keep such records, flag them and report them here; they never
 * run them and never delete them on their own.
 *
 * @param id the record's id
 * @param reason why it could not be read, for a person to act on
 * @param state the stored state text, as found
 */
public record QuarantinedJob(String id, String reason, String state) {

    public QuarantinedJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return "QuarantinedJob[id=" + id + ", reason=" + reason + "]";
    }
}
