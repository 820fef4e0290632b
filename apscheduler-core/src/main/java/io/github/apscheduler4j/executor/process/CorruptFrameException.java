package io.github.apscheduler4j.executor.process;

import java.io.IOException;

/**
 * A frame that cannot be read: a length outside 0 to {@link Frames#MAX_FRAME_BYTES}, bytes that are no JSON object, or a
 * reply that does not answer the run asked. The side that reads it ends the worker; the parent itself carries on.
 */
public class CorruptFrameException extends IOException {

    private static final long serialVersionUID = 1L;

    public CorruptFrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
