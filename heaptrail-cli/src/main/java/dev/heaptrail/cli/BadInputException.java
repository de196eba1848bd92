package dev.heaptrail.cli;

import java.io.IOException;

/** An input file heaptrail cannot use, with what and where in the message: exit 3. */
final class BadInputException extends IOException {

    private static final long serialVersionUID = 1L;

    BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
