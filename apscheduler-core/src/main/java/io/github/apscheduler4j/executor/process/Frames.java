package io.github.apscheduler4j.executor.process;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The protocol between a process-pool executor and its workers: each message is a JSON object, sent as a 4-byte
 * big-endian length and that many bytes of UTF-8.
 */
public final class Frames {

    /** Larger frames are refused: a corrupt length must not make either side allocate gigabytes. */
    static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;

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
            throw new IOException("bad frame length " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return JSON.readValue(bytes, MESSAGE);
    }
}
