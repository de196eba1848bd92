package dev.heaptrail.live;

import java.io.IOException;

/** heaptrail could not attach to, or act on, a target process; the message says why and what to do. */
public final class AttachFailedException extends IOException {

    private static final long serialVersionUID = 1L;

    public AttachFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
