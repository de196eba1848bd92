package dev.heaptrail.cli;

/** The machine or a process failed us (no java, a child that died): exit 4. */
final class EnvironmentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    EnvironmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
