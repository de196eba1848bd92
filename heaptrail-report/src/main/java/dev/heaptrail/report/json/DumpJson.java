package dev.heaptrail.report.json;

import dev.heaptrail.report.DumpResult;
import dev.heaptrail.report.Renderer;

import java.io.IOException;
import java.io.PrintStream;

/** {@code {"pid","file","bytes","live","gzip"}}. */
public final class DumpJson implements Renderer<DumpResult> {

    @Override
    public void render(DumpResult r, PrintStream out) throws IOException {
        Json.write(out, Json.Style.COMPACT, g -> {
            g.writeStartObject();
            g.writeNumberField("pid", r.pid());
            g.writeStringField("file", r.file().toString());
            g.writeNumberField("bytes", r.bytes());
            g.writeBooleanField("live", r.live());
            g.writeBooleanField("gzip", r.gzip());
            g.writeEndObject();
        });
    }
}
