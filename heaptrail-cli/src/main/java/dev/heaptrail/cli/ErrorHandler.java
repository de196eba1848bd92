package dev.heaptrail.cli;

import dev.heaptrail.hprof.HprofFormatException;
import dev.heaptrail.live.AttachFailedException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Turns failures into one line on stderr and a documented exit code; stack traces only with --debug. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    /** A bug in heaptrail rather than in its input or environment (EX_SOFTWARE). */
    static final int INTERNAL_ERROR = 70;

    private final PrintStream err;
    private final boolean debug;

    ErrorHandler(PrintStream err, boolean debug) {
        this.err = err;
        this.debug = debug;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        return handle(ex);
    }

    int handle(Throwable ex) {
        int code;
        String message;
        if (ex instanceof UsageException) {
            code = ExitCodes.USAGE;
            message = ex.getMessage();
        } else if (ex instanceof HprofFormatException || ex instanceof dev.heaptrail.alloc.RecordingFormatException
                || ex instanceof BadInputException) {
            code = ExitCodes.BAD_INPUT;
            message = ex.getMessage();
        } else if (ex instanceof NoSuchFileException e) {
            code = ExitCodes.BAD_INPUT;
            message = e.getFile() + ": no such file";
        } else if (ex instanceof AccessDeniedException e) {
            code = ExitCodes.BAD_INPUT;
            message = e.getFile() + ": permission denied (heap dumps are readable only by the user whose JVM wrote them:"
                    + " run heaptrail as that user, or have them copy the file for you)";
        } else if (ex instanceof AttachFailedException || ex instanceof EnvironmentException) {
            code = ExitCodes.ENVIRONMENT;
            message = ex.getMessage();
        } else if (ex instanceof IOException && String.valueOf(ex.getMessage()).contains("No space left")) {
            code = ExitCodes.ENVIRONMENT;
            message = "disk full: " + ex.getMessage();
        } else if (ex instanceof FileSystemException e) {
            code = ExitCodes.BAD_INPUT;
            message = e.getFile() + ": " + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName());
        } else if (ex instanceof IOException) {
            code = ExitCodes.BAD_INPUT;
            message = "cannot read input: " + ex.getMessage();
        } else if (ex instanceof java.io.UncheckedIOException u) {
            code = ExitCodes.ENVIRONMENT;
            message = u.getMessage();
        } else if (ex instanceof OutOfMemoryError) {
            code = ExitCodes.ENVIRONMENT;
            message = "ran out of memory (max heap " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB); give heaptrail more with HEAPTRAIL_JAVA_OPTS=-Xmx2g";
        } else {
            code = INTERNAL_ERROR;
            message = "internal error: " + ex + " (a bug in heaptrail: rerun with --debug and report the output)";
        }
        // one line even when a cause's message has several (RMI's "nested exception is:" and the like)
        err.println("heaptrail: " + String.valueOf(message).strip().replaceAll("\\s*\\R\\s*", " "));
        if (debug) {
            ex.printStackTrace(err);
        }
        return code;
    }
}
