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

    /** Runs three seconds, then returns from main: the JVM must end, agent or not. */
    public static final class ShortLived {
        public static void main(String[] args) throws Exception {
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(3000);
            System.out.println("done");
        }
    }
}
