package dev.heaptrail.cli;

import java.io.IOException;

/** Entry point of the heaptrail jar. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        if (VersionLines.isVersionRequest(args)) {
            // answered before picocli is loaded: its reflective model is two thirds of start-up
            try {
                for (String line : VersionLines.lines()) {
                    System.out.println(line);
                }
                int code = System.out.checkError() ? ExitCodes.ENVIRONMENT : ExitCodes.OK;
                CdsArchive.makeInBackgroundIfAsked();
                System.exit(code);
            } catch (IOException e) {
                // the jar cannot read its own resource: picocli's path below says it the usual way
            }
        }
        int code = Cli.run(args, System.out, System.err);
        CdsArchive.makeInBackgroundIfAsked();
        System.exit(code);
    }
}
