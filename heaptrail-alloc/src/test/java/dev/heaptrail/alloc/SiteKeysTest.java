package dev.heaptrail.alloc;

import dev.heaptrail.heap.JavaClassNames;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Which frame names a site: the first one that is the user's, past the JDK, lambda glue and --skip. */
class SiteKeysTest {

    private static final Frame BOX = new Frame("java.lang.Long", "valueOf", 1212);
    private static final Frame LAMBDA = new Frame("com.shop.Index$$Lambda$17.0x00007f51e4000c38", "apply", null);
    private static final Frame PUT = new Frame("java.util.HashMap", "put", 610);
    private static final Frame HELPER = new Frame("com.shop.util.Maps", "putCounted", 12);
    private static final Frame INDEX = new Frame("com.shop.Index", "add", 40);
    private static final Frame RUN = new Frame("java.lang.Thread", "run", 840);

    private static List<Frame> site(GroupBy by, Pattern skip, int depth, Frame... stack) {
        return new SiteKeys(new SiteOptions(by, depth, skip, null, 20, null)).siteOf(List.of(stack));
    }

    @Test
    void byLineTheFirstFrameOutsideTheJdkAndLambdaGlue() {
        assertThat(site(GroupBy.LINE, null, 64, BOX, LAMBDA, INDEX, RUN)).containsExactly(INDEX);
        assertThat(site(GroupBy.LINE, null, 64, PUT, HELPER, INDEX, RUN)).containsExactly(HELPER);
    }

    @Test
    void skipLooksPastTheUsersOwnHelpers() {
        assertThat(site(GroupBy.LINE, Pattern.compile("^com\\.shop\\.util\\."), 64, PUT, HELPER, INDEX, RUN)).containsExactly(INDEX);
    }

    @Test
    void byMethodDropsTheLine() {
        assertThat(site(GroupBy.METHOD, null, 64, PUT, INDEX, RUN)).containsExactly(new Frame("com.shop.Index", "add", null));
    }

    @Test
    void byTraceStartsAtTheSiteAndKeepsDepthFrames() {
        assertThat(site(GroupBy.TRACE, null, 2, PUT, HELPER, INDEX, RUN)).containsExactly(HELPER, INDEX);
        assertThat(site(GroupBy.TRACE, null, 64, PUT, HELPER, INDEX, RUN)).containsExactly(HELPER, INDEX, RUN);
    }

    @Test
    void aStackOfTheJdkAloneIsNamedByItsInnermostFrame() {
        assertThat(site(GroupBy.LINE, null, 64, PUT, RUN)).containsExactly(PUT);
        assertThat(site(GroupBy.LINE, null, 64)).containsExactly(SiteKeys.UNKNOWN);
    }

    @Test
    void filterLeavesOutStacksWithoutAMatchingFrame() {
        SiteKeys keys = new SiteKeys(new SiteOptions(GroupBy.LINE, 64, null, Pattern.compile("Index\\.add"), 20, null));
        assertThat(keys.siteOf(List.of(PUT, INDEX))).containsExactly(INDEX);
        assertThat(keys.siteOf(List.of(PUT, HELPER))).isNull();
        assertThat(keys.siteOf(List.of())).isNull();
    }

    @Test
    void classNamesOfArraysReadAsInJava() {
        assertThat(JavaClassNames.fromJvm("[B")).isEqualTo("byte[]");
        assertThat(JavaClassNames.fromJvm("[[J")).isEqualTo("long[][]");
        assertThat(JavaClassNames.fromJvm("[Ljava.lang.String;")).isEqualTo("java.lang.String[]");
        assertThat(JavaClassNames.fromJvm("com.shop.Order")).isEqualTo("com.shop.Order");
    }
}
