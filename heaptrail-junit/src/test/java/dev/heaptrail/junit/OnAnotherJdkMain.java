package dev.heaptrail.junit;

import java.util.ArrayList;
import java.util.List;

/** Run in a child JVM of another JDK by {@link OnAnotherJdkTest}: one clean check, one leaking, their outcomes printed. */
public final class OnAnotherJdkMain {

    static final List<Object> KEPT = new ArrayList<>();

    private OnAnotherJdkMain() {}

    public static void main(String[] args) {
        try {
            Leaks.assertNoLeak(() -> new byte[4_096].clone());
            System.out.println("clean: passed");
        } catch (Throwable t) {
            System.out.println("clean: " + t);
        }
        try {
            Leaks.assertNoLeak(() -> KEPT.add(new byte[100]));
            System.out.println("leaking: passed");
        } catch (LeakError e) {
            System.out.println("leaking: LeakError held by " + e.holder() + " signature " + e.signature());
        } catch (Throwable t) {
            System.out.println("leaking: " + t);
        }
    }
}
