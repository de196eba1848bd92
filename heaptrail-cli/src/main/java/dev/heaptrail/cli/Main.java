package dev.heaptrail.cli;

/** Entry point of the heaptrail jar. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(Cli.run(args, System.out, System.err));
    }
}
