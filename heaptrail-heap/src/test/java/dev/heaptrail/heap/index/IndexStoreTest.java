package dev.heaptrail.heap.index;

import dev.heaptrail.hprof.ReadProgress;
import dev.heaptrail.testkit.HprofWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The index cache policy: where the index is kept, when a saved one is reused and when it is rebuilt. */
class IndexStoreTest {

    private static final long OBJECT_CLASS = 0x100;

    @TempDir
    Path dir;

    /** What the store told, in order. */
    private final List<String> told = new ArrayList<>();

    private final IndexStore.Listener listener = new IndexStore.Listener() {
        @Override
        public void reusing(Path folder) {
            told.add("reusing " + folder.getFileName());
        }

        @Override
        public void rebuilding(Path folder, String why) {
            told.add("rebuilding " + folder.getFileName() + (why.isBlank() ? " without a reason" : ""));
        }
    };

    @Test
    void aNewIndexIsSavedBesideTheDumpAndReusedNextTime() throws Exception {
        Path dump = dump("app", 3);
        IndexStore first = IndexStore.of(dump, IndexStore.Options.DEFAULT);
        assertThat(first.openOrBuild(ReadProgress.NONE, listener).objectCount()).isEqualTo(4);
        assertThat(first.folder()).isEqualTo(dir.resolve("app.hprof.heaptrail-index"));
        assertThat(first.folder().resolve("meta.bin")).as("saved only when asked").doesNotExist();
        first.finishSaving();
        assertThat(first.folder().resolve("meta.bin")).exists();
        assertThat(told).isEmpty();

        IndexStore second = IndexStore.of(dump, IndexStore.Options.DEFAULT);
        assertThat(second.openOrBuild(ReadProgress.NONE, listener).objectCount()).isEqualTo(4);
        second.finishSaving(); // nothing new to save
        assertThat(told).containsExactly("reusing app.hprof.heaptrail-index");
    }

    @Test
    void aChangedDumpIsIndexedAgainInTheFolderAsked() throws Exception {
        Path dump = dump("app", 3);
        IndexStore.Options options = new IndexStore.Options(dir.resolve("kept"), IndexStore.Placement.FILES);
        IndexStore first = IndexStore.of(dump, options);
        first.openOrBuild(ReadProgress.NONE, listener);
        first.finishSaving();
        assertThat(dir.resolve("kept").resolve("meta.bin")).exists();
        assertThat(dir.resolve("app.hprof.heaptrail-index")).doesNotExist();

        dump("app", 5); // the same file, other contents
        IndexStore second = IndexStore.of(dump, options);
        assertThat(second.openOrBuild(ReadProgress.NONE, listener).objectCount()).isEqualTo(6);
        second.finishSaving();
        assertThat(told).containsExactly("rebuilding kept");
        IndexStore third = IndexStore.of(dump, options);
        assertThat(third.openOrBuild(ReadProgress.NONE, listener).objectCount()).isEqualTo(6);
        assertThat(told).containsExactly("rebuilding kept", "reusing kept");
    }

    @Test
    void anIndexInTheHeapKeepsNothingOnDisk() throws Exception {
        Path dump = dump("small", 2);
        IndexStore store = IndexStore.of(dump, new IndexStore.Options(null, IndexStore.Placement.HEAP));
        assertThat(store.openOrBuild(ReadProgress.NONE, listener).objectCount()).isEqualTo(3);
        store.finishSaving();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("small.hprof");
        }
        assertThat(told).isEmpty();
    }

    /** java.lang.Object's class and {@code objects} instances of it, each held by a JNI global. */
    private Path dump(String name, int objects) throws Exception {
        HprofWriter w = new HprofWriter("JAVA PROFILE 1.0.2", 8, 0);
        w.record(0x01, w.body().id(1).utf8("java.lang.Object").build());
        w.record(0x02, w.body().u4(1).id(OBJECT_CLASS).u4(0).id(1).build());
        HprofWriter.Body segment = w.body();
        segment.u1(0x20).id(OBJECT_CLASS).u4(0).id(0).id(0).id(0).id(0).id(0).id(0).u4(0).u2(0).u2(0).u2(0);
        for (int i = 1; i <= objects; i++) {
            segment.u1(0x21).id(0x1000L * i).u4(0).id(OBJECT_CLASS).u4(0);
            segment.u1(0x01).id(0x1000L * i).id(0x77);
        }
        segment.u1(0x05).id(OBJECT_CLASS);
        w.record(0x1C, segment.build());
        w.record(0x2C, new byte[0]);
        return w.writeTo(dir.resolve(name + ".hprof"));
    }
}
