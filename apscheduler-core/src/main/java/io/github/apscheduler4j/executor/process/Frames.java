package io.github.apscheduler4j.executor.process;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import io.github.apscheduler4j.job.JobContext;
import java.io.IOException;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The protocol between a process-pool executor and its workers: each message is a JSON object, sent as a 4-byte
 * big-endian length and that many bytes of UTF-8. A run request carries the run's {@link JobContext} as an object of
 * its own ({@link #context(JobContext)}), its times as {@link ZonedDateTime} text, zone included.
 */
public final class Frames {

    /** Larger frames are refused: a corrupt length must not make either side allocate gigabytes. */
    public static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MESSAGE = new TypeReference<>() {
    };

    private Frames() {
    }

    public static void write(DataOutputStream out, Map<String, ?> message) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(message);
        synchronized (out) {
            out.writeInt(bytes.length);
            out.write(bytes);
            out.flush();
        }
    }

    /** The next message, or {@code null} at the end of the stream. */
    public static Map<String, Object> read(DataInputStream in) throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        if (length < 0 || length > MAX_FRAME_BYTES) {
            throw new CorruptFrameException("frame length " + length + " is outside 0 to " + MAX_FRAME_BYTES
                    + " bytes", null);
        }
        byte[] bytes = new byte[length];
        try {
            in.readFully(bytes);
        } catch (EOFException e) {
            throw new CorruptFrameException("frame of " + length + " bytes ended early", e);
        }
        try {
            Map<String, Object> message = JSON.readValue(bytes, MESSAGE);
            if (message == null) {
                throw new CorruptFrameException("frame of " + length + " bytes holds null, not a JSON object", null);
            }
            return message;
        } catch (JacksonException e) {
            throw new CorruptFrameException("frame of " + length + " bytes is not a JSON object: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** A run's context as a frame's JSON object. */
    public static Map<String, Object> context(JobContext context) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("job_id", context.jobId());
        fields.put("jobstore", context.jobstore());
        fields.put("scheduled_fire_time", context.scheduledFireTime() == null ? null
                : context.scheduledFireTime().toString());
        fields.put("started", context.started().toString());
        fields.put("attempt", context.attempt());
        fields.put("instance_id", context.instanceId());
        return fields;
    }

    /** The context that {@link #context(JobContext)} wrote. */
    public static JobContext context(Map<String, Object> fields) {
        String scheduled = (String) fields.get("scheduled_fire_time");
        return new JobContext((String) fields.get("job_id"), (String) fields.get("jobstore"),
                scheduled == null ? null : ZonedDateTime.parse(scheduled),
                ZonedDateTime.parse((String) fields.get("started")), ((Number) fields.get("attempt")).intValue(),
                (String) fields.get("instance_id"));
    }
}
