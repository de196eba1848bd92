package dev.heaptrail.junit;

/** Run in a child JVM with -XX:+DisableExplicitGC by {@link NoCollectionTest}: prints what the check says. */
public final class NoCollectionMain {

    private NoCollectionMain() {}

    public static void main(String[] args) {
        try {
            Leaks.assertNoLeak(() -> { });
            System.out.println("PASSED");
        } catch (Throwable t) {
            System.out.println(t.getClass().getName() + ": " + t.getMessage());
        }
    }
}
