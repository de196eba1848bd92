package dev.heaptrail.report.text;

import dev.heaptrail.report.SiteFigures;
import dev.heaptrail.report.SiteReports;
import dev.heaptrail.report.SitesResult;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The sites as people read them: unknown figures "?", chains with their skipped links, growth under a comparison. */
class SitesTextTest {

    @Test
    void rankedSitesWithUnknownFiguresAChainWithASkipAStackAndNotes() {
        assertThat(render(new SitesResult(SiteReports.leak(), "orders.jfr"))).isEqualTo("""
                orders.jfr (jfr): duration 60.0 s, 12,345 samples, JVM OpenJDK 64-Bit Server VM 17.0.15+6
                sites ranked by estimated surviving bytes: allocated there and still alive at the end of the recording

                   #   surviving     objects   samples    allocating  site                               top class
                   1    12.0 MiB      89,877        41    1.50 MiB/s  com.shop.SessionStore.remember:42  com.shop.Session
                   2    3.00 MiB       2,048         7             ?  com.shop.Codec.decode              ?
                   3    4.00 KiB          32         2     238 MiB/s  com.shop.Report.render:9           char[]

                Site 1: com.shop.SessionStore.remember:42
                  held by (the reference chain from a GC root to one surviving object):
                    GC root (static field) java.lang.Class (0x1000)
                      .SESSIONS (static) → java.util.HashMap (0x2000)
                      ... 2 links skipped by the recording ...
                      .table → java.util.HashMap$Node[] (0x3000)
                      [5] → com.shop.Session (0x4000)

                Site 3: com.shop.Report.render:9
                  stack:
                    com.shop.Report.render:9
                    java.lang.Thread.run:840

                notes:
                  - estimates from 41 old-object samples; a site with fewer than 3 is uncertain
                """);
    }

    @Test
    void withoutSurvivorSamplesItSaysSoAndNothingUnknownPrintsAsZero() {
        String text = render(new SitesResult(SiteReports.allocationOnly(), "PID 4242"));
        assertThat(text).isEqualTo("""
                PID 4242 (async-profiler): duration ?, 900 samples, JVM ?
                %s
                sites ranked by allocation rate

                   #   surviving     objects   samples    allocating  site                      top class
                   1           ?           ?       900     120 MiB/s  com.shop.Report.render:9  byte[]
                """.formatted(SiteFigures.NO_SURVIVOR_SAMPLES));
        assertThat(SiteFigures.NO_SURVIVOR_SAMPLES).contains("no survivor samples").contains("allocation rate only");
    }

    @Test
    void underAComparisonTheGrowthColumnAndTheSitesThatGrow() {
        assertThat(render(new SitesResult(SiteReports.compared(), "after.jfr"))).isEqualTo("""
                after.jfr (jfr): duration 60.0 s, 12,345 samples, JVM OpenJDK 64-Bit Server VM 17.0.15+6
                sites ranked by growth of estimated surviving bytes since before.jfr

                   #   surviving     objects       growth   samples    allocating  site                               top class
                   1    12.0 MiB      89,877    +2.00 MiB        41    1.50 MiB/s  com.shop.SessionStore.remember:42  com.shop.Session
                   2    3.00 MiB       2,048       -300 B         7    8.00 KiB/s  com.shop.Codec.decode              byte[]
                growing more than sampling alone explains: site 1
                """);
    }

    private static String render(SitesResult r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new SitesText().render(r, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
