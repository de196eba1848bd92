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

    /** Waits until the agent runs (it sets heaptrail.agent.port), then returns from main: the JVM must end. */
    public static final class ShortLived {
        public static void main(String[] args) throws Exception {
            System.out.println("ready");
            System.out.flush();
            for (int i = 0; i < 600 && System.getProperty("heaptrail.agent.port") == null; i++) {
                Thread.sleep(50);
            }
            Thread.sleep(1000); // a monitoring step or two
            System.out.println("done with the agent on port " + System.getProperty("heaptrail.agent.port"));
        }
    }
}
