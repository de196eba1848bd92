package dev.heaptrail.cli;

/** The exit codes of every heaptrail command: a public contract for scripts and CI. */
public final class ExitCodes {

    /** Done; nothing to report. */
    public static final int OK = 0;
    /** Done, and found something: a leak, a failed assertion. */
    public static final int FINDING = 1;
    /** The command line is wrong. */
    public static final int USAGE = 2;
    /** The input is unreadable: not a heap dump, truncated, corrupt, missing, not permitted. */
    public static final int BAD_INPUT = 3;
    /** The target process or the environment failed: cannot attach, out of memory, disk full. */
    public static final int ENVIRONMENT = 4;

    private ExitCodes() {}
}
