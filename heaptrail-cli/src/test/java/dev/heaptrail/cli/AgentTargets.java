package dev.heaptrail.cli;

/** Child JVMs for the agent tests that use it as a library. */
final class AgentTargets {

    private AgentTargets() {}

    /** Starts the monitor in code, prints its port, then leaks like {@link WatchTargets.HeapLeak}. */
    public static final class LibraryUser {
        public static void main(String[] args) throws Exception {
            dev.heaptrail.agent.Monitor monitor = dev.heaptrail.agent.Heaptrail.monitor(args[0]);
            System.out.println("port " + monitor.port());
            System.out.flush();
            WatchTargets.HeapLeak.main(new String[] {args[1]});
        }
    }
}
