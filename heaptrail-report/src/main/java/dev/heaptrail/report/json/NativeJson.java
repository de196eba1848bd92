package dev.heaptrail.report.json;

import dev.heaptrail.live.MemoryBreakdown;
import dev.heaptrail.live.NativeMemory;
import dev.heaptrail.report.NativeResult;
import dev.heaptrail.report.Renderer;

import java.io.IOException;
import java.io.PrintStream;

/** {@code {"pid","nmt","rssBytes","breakdown":{..},"total*Bytes"?,"categories"?:[..],"advice"}}. */
public final class NativeJson implements Renderer<NativeResult> {

    @Override
    public void render(NativeResult r, PrintStream out) throws IOException {
        MemoryBreakdown b = r.breakdown();
        NativeMemory.Summary nmt = r.nmt();
        Json.write(out, Json.Style.PRETTY, g -> {
            g.writeStartObject();
            g.writeNumberField("pid", r.pid());
            g.writeBooleanField("nmt", nmt != null);
            g.writeNumberField("rssBytes", b.rssBytes());
            g.writeObjectFieldStart("breakdown");
            g.writeNumberField("heapCommittedBytes", b.heapCommittedBytes());
            g.writeNumberField("metaspaceCommittedBytes", b.metaspaceCommittedBytes());
            g.writeNumberField("codeCacheCommittedBytes", b.codeCacheCommittedBytes());
            g.writeNumberField("threadStacksBytes", b.threadStacksBytes());
            g.writeNumberField("directBufferBytes", b.directBufferBytes());
            g.writeNumberField("mappedBufferBytes", b.mappedBufferBytes());
            g.writeNumberField("unexplainedBytes", b.unexplainedBytes());
            g.writeNumberField("threads", b.threads());
            g.writeEndObject();
            if (nmt != null) {
                g.writeNumberField("totalReservedBytes", nmt.totalReservedBytes());
                g.writeNumberField("totalCommittedBytes", nmt.totalCommittedBytes());
                if (nmt.diff()) {
                    g.writeNumberField("totalReservedDiffBytes", nmt.totalReservedDiffBytes());
                    g.writeNumberField("totalCommittedDiffBytes", nmt.totalCommittedDiffBytes());
                }
                g.writeArrayFieldStart("categories");
                for (NativeMemory.Category c : nmt.categories()) {
                    g.writeStartObject();
                    g.writeStringField("name", c.name());
                    g.writeNumberField("reservedBytes", c.reservedBytes());
                    g.writeNumberField("committedBytes", c.committedBytes());
                    if (nmt.diff()) {
                        g.writeNumberField("reservedDiffBytes", c.reservedDiffBytes());
                        g.writeNumberField("committedDiffBytes", c.committedDiffBytes());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeStringField("advice", r.advice());
            g.writeEndObject();
        });
    }
}
