package dev.heaptrail.cli;

import dev.heaptrail.live.AgentAttach;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "agent", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = {"The heaptrail agent: watches the heap floor inside a running JVM.",
            "It serves Prometheus metrics, and leaves evidence (histograms, JFR recordings, heap dumps, "
                + "webhooks) when memory climbs. Three ways to run it: -javaagent at start-up, 'agent attach' into "
                + "a running JVM, Heaptrail.monitor(...) in code."},
        subcommands = {AgentCommand.PathCommand.class, AgentCommand.AttachCommand.class},
        footer = {"", "Examples:", "  heaptrail agent path",
            "  java -javaagent:$(heaptrail agent path)=port=9404 -jar app.jar",
            "  heaptrail agent attach 12345 port=9404,actions=log+heapdump"})
final class AgentCommand implements Runnable {

    @ParentCommand
    HeaptrailCommand root;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "agent needs a command: path or attach");
    }

    @Command(name = "path", mixinStandardHelpOptions = true, addMethodSubcommands = false,
            description = "Prints the agent jar's path, for -javaagent:.",
            footer = {"", "Example:", "  java -javaagent:$(heaptrail agent path)=port=9404 -jar app.jar",
                "", "Exit codes: 0 printed, 4 the jar is not in this build."})
    static final class PathCommand implements Callable<Integer> {
        @ParentCommand
        AgentCommand agent;

        @Override
        public Integer call() {
            agent.root.out.println(AgentJar.find());
            return ExitCodes.OK;
        }
    }

    @Command(name = "attach", mixinStandardHelpOptions = true, addMethodSubcommands = false,
            description = {"Loads the agent into a running JVM.",
                "OPTIONS as for -javaagent: key=value pairs separated by commas: port, host, window, interval, actions "
                    + "(log+histogram+jfr+heapdump+webhook), dir, webhook, ... (see README). A JVM already monitored is "
                    + "left as it is. JDK 21 and later warn about agents loaded at run time unless started with "
                    + "-XX:+EnableDynamicAgentLoading, and refuse them with the minus form."},
            footer = {"", "Examples:", "  heaptrail agent attach 12345 port=9404",
                "  heaptrail agent attach 12345 port=9404,actions=log+heapdump,dir=/var/tmp/ht",
                "", "Exit codes: 0 loaded (or already there), 2 usage error, 4 no such",
                "  process, not a JVM, attach refused, or the JVM refuses agents loaded",
                "  at run time."})
    static final class AttachCommand implements Callable<Integer> {
        @ParentCommand
        AgentCommand agent;

        @Parameters(index = "0", paramLabel = "PID", description = "The process id of a running JVM.")
        long pid;

        @Parameters(index = "1", paramLabel = "OPTIONS", arity = "0..1", defaultValue = "",
                description = "The agent's options, e.g. port=9404,actions=log+heapdump.")
        String options;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws Exception {
            Path jar = AgentJar.find();
            AgentAttach.Outcome outcome = AgentAttach.load(pid, jar, options);
            if (outcome instanceof AgentAttach.AlreadyRunning running) {
                agent.root.out.println("process " + pid + " runs the heaptrail agent already"
                        + (running.port().equals("-1") ? " (no metrics endpoint)" : " (metrics on port " + running.port() + ")")
                        + "; left as it is");
                return ExitCodes.OK;
            }
            AgentAttach.Loaded loaded = (AgentAttach.Loaded) outcome;
            agent.root.out.println("agent loaded into process " + pid + (loaded.port().equals("-1") ? ""
                    : "; metrics on http://127.0.0.1:" + loaded.port() + "/metrics (or the host= given)"));
            if (loaded.warnedByJvm()) {
                agent.root.err.println("heaptrail: note: JDK " + loaded.javaFeature() + " printed a warning in process " + pid
                        + " about an agent loaded at run time; start it with -XX:+EnableDynamicAgentLoading or"
                        + " -javaagent:" + jar + " to avoid it (later JDKs refuse such agents by default)");
            }
            return ExitCodes.OK;
        }
    }
}
