package dev.heaptrail.analysis.suspects;

import dev.heaptrail.testkit.synthetic.FieldType;
import dev.heaptrail.testkit.synthetic.Ref;
import dev.heaptrail.testkit.synthetic.SyntheticHeap;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.heaptrail.analysis.suspects.SyntheticSuspects.holder;
import static dev.heaptrail.analysis.suspects.SyntheticSuspects.suspects;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the JVM holds for itself is no leak. An idle JVM's heap is about a third its class-data
 * archive's objects, an Object[] of strings under a JNI global reference, which read as a pile-up
 * of strings and made {@code analyze} exit 1 on a program that does nothing.
 */
class JvmOwnDataTest {

    @Test
    void anIdleJvmHasNoLeakLikeSuspect() throws Exception {
        List<LeakSuspect> suspects = LeakSuspects.find(LeakScenariosTest.analysis("idle"), 10, 5);
        assertThat(suspects).allSatisfy(s -> assertThat(s.shape().leakLike()).as(s.description() + ": " + s.shape().why()).isFalse());
        assertThat(suspects).filteredOn(s -> s.path().size() == 1 && "jni global".equals(s.path().get(0).rootKind()))
                .allSatisfy(s -> assertThat(s.shape().why()).startsWith("held by a JNI global reference alone"));
    }

    @Test
    void stringsUnderAJniGlobalAloneAreTheJvmsButNotUnderAStaticField() {
        LeakSuspect jvm = suspects(heap -> heap.jniGlobal(heap.objectArray(strings(heap, 150)))).get(0);
        assertThat(jvm.pattern()).as(jvm.description()).isSameAs(LeakPattern.LARGE_STRUCTURE);
        assertThat(jvm.shape().leakLike()).isFalse();
        assertThat(jvm.shape().why()).isEqualTo("held by a JNI global reference alone, with no class's field on the way, and made of JDK"
                + " classes only: the JVM's own data (such as its class-data archive's objects) or native code's;"
                + " one dump cannot show whether it grows");

        LeakSuspect app = suspects(heap -> holder(heap, "Names", "ALL", heap.objectArray(strings(heap, 150)))).get(0);
        assertThat(app.pattern()).as(app.description()).isSameAs(LeakPattern.STATIC_COLLECTION);
        assertThat(app.shape().leakLike()).isTrue();
    }

    @Test
    void theApplicationsObjectsUnderAJniGlobalAreStillAPileUp() {
        // native code that keeps global references to the application's objects: a JNI leak
        LeakSuspect s = suspects(heap -> {
            heap.newClass("com.example.Frame").field("pixels", FieldType.OBJECT);
            List<Ref> frames = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                frames.add(heap.instance("com.example.Frame").set("pixels", heap.byteArray(new byte[800])));
            }
            heap.jniGlobal(heap.objectArray(frames.toArray(Ref[]::new)));
        }).get(0);
        assertThat(s.dominantClass()).isEqualTo("com.example.Frame");
        assertThat(s.pattern()).as(s.description()).isSameAs(LeakPattern.COLLECTION);
        assertThat(s.shape().leakLike()).isTrue();
    }

    private static Ref[] strings(SyntheticHeap heap, int n) {
        Ref[] out = new Ref[n];
        for (int i = 0; i < n; i++) {
            out[i] = heap.string("a name that is long enough to weigh something, number " + i);
        }
        return out;
    }
}
