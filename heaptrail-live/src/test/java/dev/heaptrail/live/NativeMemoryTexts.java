package dev.heaptrail.live;

/**
 * What JDK 17.0.15 and Temurin 25.0.3 answered over JMX (the DiagnosticCommand MBean's
 * vmNativeMemory) for a JVM run with -XX:NativeMemoryTracking=summary -Xmx128m that held 64 MiB of
 * direct buffers; the diffs after a baseline taken before those were allocated. Kept apart from
 * {@link NativeMemoryTest}: the texts are long, the tests short.
 */
final class NativeMemoryTexts {

    private NativeMemoryTexts() {}

    static final String JDK17_SUMMARY = """

            Native Memory Tracking:

            Total: reserved=1684984707, committed=276415363
                   malloc: 75740035 #32636
                   mmap:   reserved=1609244672, committed=200675328

            -                 Java Heap (reserved=134217728, committed=134217728)
                                        (mmap: reserved=134217728, committed=134217728)

            -                     Class (reserved=1073994135, committed=1038743)
                                        (classes #2295)
                                        (  instance classes #2061, array classes #234)
                                        (malloc=252311 #3698) (at peak)
                                        (mmap: reserved=1073741824, committed=786432)
                                        (  Metadata:   )
                                        (    reserved=67108864, committed=5570560)
                                        (    used=5505552)
                                        (    waste=65008 =1.17%)
                                        (  Class space:)
                                        (    reserved=1073741824, committed=786432)
                                        (    used=715008)
                                        (    waste=71424 =9.08%)

            -                    Thread (reserved=25231744, committed=1487232)
                                        (thread #24)
                                        (stack: reserved=25165824, committed=1421312)
                                        (malloc=39088 #148) (peak=47504 #152)
                                        (arena=26832 #46) (peak=123816 #44)

            -                      Code (reserved=253790912, committed=7887552)
                                        (malloc=158400 #1731) (at peak)
                                        (mmap: reserved=253632512, committed=7729152)

            -                        GC (reserved=43230191, committed=43230191)
                                        (malloc=4674543 #1037) (peak=4681479 #1198)
                                        (mmap: reserved=38555648, committed=38555648)

            -                  Compiler (reserved=173456, committed=173456)
                                        (malloc=4896 #58) (peak=5176 #66)
                                        (arena=168560 #5) (peak=4465656 #14)

            -                  Internal (reserved=244633, committed=244633)
                                        (malloc=207769 #2388) (peak=210692 #2376)
                                        (mmap: reserved=36864, committed=36864)

            -                     Other (reserved=67127296, committed=67127296)
                                        (malloc=67127296 #67) (at peak)

            -                    Symbol (reserved=1881120, committed=1881120)
                                        (malloc=1250656 #21875) (at peak)
                                        (arena=630464 #1) (at peak)

            -    Native Memory Tracking (reserved=545304, committed=545304)
                                        (malloc=23128 #389) (peak=23184 #390)
                                        (tracking overhead=522176)

            -        Shared class space (reserved=16777216, committed=12349440)
                                        (mmap: reserved=16777216, committed=12349440)

            -               Arena Chunk (reserved=473688, committed=473688)
                                        (malloc=473688 #84) (peak=5192368 #186)

            -                   Tracing (reserved=33124, committed=33124)
                                        (malloc=396 #10) (at peak)
                                        (arena=32728 #1) (at peak)

            -                 Arguments (reserved=152, committed=152)
                                        (malloc=152 #5) (at peak)

            -                    Module (reserved=58648, committed=58648)
                                        (malloc=58648 #533) (at peak)

            -                 Safepoint (reserved=8192, committed=8192)
                                        (mmap: reserved=8192, committed=8192)

            -           Synchronization (reserved=42656, committed=42656)
                                        (malloc=42656 #538) (at peak)

            -            Serviceability (reserved=672, committed=672)
                                        (malloc=672 #6) (at peak)

            -                 Metaspace (reserved=67152304, committed=5614000)
                                        (malloc=43440 #57) (at peak)
                                        (mmap: reserved=67108864, committed=5570560)

            -      String Deduplication (reserved=704, committed=704)
                                        (malloc=704 #8) (at peak)

            -           Object Monitors (reserved=832, committed=832)
                                        (malloc=832 #4) (peak=1248 #6)
            """;

    static final String JDK17_DIFF = """

            Native Memory Tracking:

            Total: reserved=1684758310 +74093212, committed=276188966 +75281052

            -                 Java Heap (reserved=134217728, committed=134217728)
                                        (mmap: reserved=134217728, committed=134217728)

            -                     Class (reserved=1073994423 +160544, committed=1039031 +815904)
                                        (classes #2295 +1633)
                                        (  instance classes #2061 +1503, array classes #234 +130)
                                        (malloc=252599 +160544 #3707 +2822)
                                        (mmap: reserved=1073741824, committed=786432 +655360)
                                       : (  Metadata)
                                        (    reserved=67108864, committed=5570560 +5177344)
                                        (    used=5512608 +5170872)
                                        (    waste=57952 =1.04% +6472)
                                       : (  Class space)
                                        (    reserved=1073741824, committed=786432 +655360)
                                        (    used=715008 +688680)
                                        (    waste=71424 =9.08% -33320)

            -                    Thread (reserved=25231744 +5257240, committed=1487232 +612376)
                                        (thread #24 +5)
                                        (stack: reserved=25165824 +5242880, committed=1421312 +598016)
                                        (malloc=39088 +8360 #148 +30)
                                        (arena=26832 +6000 #46 +10)

            -                      Code (reserved=253792568 +115928, committed=7889208 +115928)
                                        (malloc=160056 +115928 #1749 +946)
                                        (mmap: reserved=253632512, committed=7729152)

            -                        GC (reserved=43230287 +57813, committed=43230287 +57813)
                                        (malloc=4674639 +57813 #1041 +481)
                                        (mmap: reserved=38555648, committed=38555648)

            -                  Compiler (reserved=173456 +1496, committed=173456 +1496)
                                        (malloc=4896 +1496 #58 +30)
                                        (arena=168560 #5)

            -                  Internal (reserved=244284 +38503, committed=244284 +38503)
                                        (malloc=207420 +38503 #2402 +1181)
                                        (mmap: reserved=36864, committed=36864)

            -                     Other (reserved=67127296 +67127296, committed=67127296 +67127296)
                                        (malloc=67127296 +67127296 #67 +67)

            -                    Symbol (reserved=1881152 +707800, committed=1881152 +707800)
                                        (malloc=1250688 +445976 #21877 +21148)
                                        (arena=630464 +261824 #1)

            -    Native Memory Tracking (reserved=545976 +439616, committed=545976 +439616)
                                        (malloc=23128 +5872 #389 +102)
                                        (tracking overhead=522848 +433744)

            -        Shared class space (reserved=16777216, committed=12349440)
                                        (mmap: reserved=16777216, committed=12349440)

            -               Arena Chunk (reserved=244480 +65792, committed=244480 +65792)
                                        (malloc=244480 +65792)

            -                   Tracing (reserved=33124 +32776, committed=33124 +32776)
                                        (malloc=396 +48 #10 +1)
                                        (arena=32728 +32728 #1 +1)

            -                 Arguments (reserved=152, committed=152)
                                        (malloc=152 #5)

            -                    Module (reserved=58648 +44848, committed=58648 +44848)
                                        (malloc=58648 +44848 #533 +132)

            -                 Safepoint (reserved=8192, committed=8192)
                                        (mmap: reserved=8192, committed=8192)

            -           Synchronization (reserved=42656 +9880, committed=42656 +9880)
                                        (malloc=42656 +9880 #538 +95)

            -            Serviceability (reserved=672, committed=672)
                                        (malloc=672 #6)

            -                 Metaspace (reserved=67152304 +33056, committed=5614000 +5210400)
                                        (malloc=43440 +33056 #57 +50)
                                        (mmap: reserved=67108864, committed=5570560 +5177344)

            -      String Deduplication (reserved=704, committed=704)
                                        (malloc=704 #8)

            -           Object Monitors (reserved=1248 +624, committed=1248 +624)
                                        (malloc=1248 +624 #6 +3)
            """;

    static final String JDK25_SUMMARY = """

            Native Memory Tracking:

            Total: reserved=1682166962, committed=276890802
                   malloc: 76326066 #24422, peak=83627772 #14559
                   mmap:   reserved=1605840896, committed=200564736

            -                 Java Heap (reserved=134217728, committed=134217728)
                                        (mmap: reserved=134217728, committed=134217728, at peak)

            -                     Class (reserved=1073949798, committed=1059942)
                                        (classes #2492)
                                        (  instance classes #2225, array classes #267)
                                        (malloc=207974 tag=Class #3922) (at peak)
                                        (mmap: reserved=1073741824, committed=851968, at peak)
                                        (  Metadata:   )
                                        (    reserved=67108864, committed=5898240)
                                        (    used=5809232)
                                        (    waste=89008 =1.51%)
                                        (  Class space:)
                                        (    reserved=1073741824, committed=851968)
                                        (    used=693312)
                                        (    waste=158656 =18.62%)

            -                    Thread (reserved=24195536, committed=1462736)
                                        (threads #23)
                                        (stack: reserved=24117248, committed=1384448, peak=1384448)
                                        (malloc=53088 tag=Thread #139) (peak=61504 #143)
                                        (arena=25200 #42) (peak=150112 #32)

            -                      Code (reserved=254581192, committed=8673736)
                                        (malloc=943600 tag=Code #6780) (at peak)
                                        (mmap: reserved=253636608, committed=7729152, at peak)
                                        (arena=984 #1) (peak=34696 #2)

            -                        GC (reserved=40582127, committed=40582127)
                                        (malloc=4385775 tag=GC #1511) (peak=4391511 #1669)
                                        (mmap: reserved=36196352, committed=36196352, at peak)
                                        (arena=0 #0) (peak=1968 #2)

            -                 GCCardSet (reserved=488, committed=488)
                                        (malloc=488 tag=GCCardSet #4) (peak=616 #5)

            -                  Compiler (reserved=236624, committed=236624)
                                        (malloc=35888 tag=Compiler #58) (at peak)
                                        (arena=200736 #6) (peak=8074800 #13)

            -                  Internal (reserved=268737, committed=268737)
                                        (malloc=231873 tag=Internal #2665) (peak=1279116 #2648)
                                        (mmap: reserved=36864, committed=36864, at peak)

            -                     Other (reserved=67151872, committed=67151872)
                                        (malloc=67151872 tag=Other #67) (at peak)

            -                    Symbol (reserved=1828305, committed=1828305)
                                        (malloc=1001473 tag=Symbol #5857) (at peak)
                                        (arena=826832 #1) (at peak)

            -    Native Memory Tracking (reserved=451876, committed=451876)
                                        (malloc=12280 tag=Native Memory Tracking #197) (peak=12344 #199)
                                        (tracking overhead=439596)

            -        Shared class space (reserved=16777312, committed=14241888, readonly=0)
                                        (malloc=96 tag=Shared class space #2) (at peak)
                                        (mmap: reserved=16777216, committed=14241792, peak=14454784)

            -               Arena Chunk (reserved=495000, committed=495000)
                                        (malloc=495000 tag=Arena Chunk #87) (peak=9087328 #192)

            -                   Tracing (reserved=39001, committed=39001)
                                        (malloc=6273 tag=Tracing #33) (at peak)
                                        (arena=32728 #1) (at peak)

            -                Statistics (reserved=128, committed=128)
                                        (malloc=128 tag=Statistics #2) (at peak)

            -                 Arguments (reserved=86, committed=86)
                                        (malloc=86 tag=Arguments #4) (at peak)

            -                    Module (reserved=43760, committed=43760)
                                        (malloc=43760 tag=Module #1275) (at peak)

            -                 Safepoint (reserved=8192, committed=8192)
                                        (mmap: reserved=8192, committed=8192, at peak)

            -           Synchronization (reserved=185296, committed=185296)
                                        (malloc=185296 tag=Synchronization #1771) (at peak)

            -            Serviceability (reserved=17216, committed=17216)
                                        (malloc=17216 tag=Serviceability #10) (peak=20455 #18)

            -                 Metaspace (reserved=67134808, committed=5924184)
                                        (malloc=25944 tag=Metaspace #24) (at peak)
                                        (mmap: reserved=67108864, committed=5898240, at peak)

            -      String Deduplication (reserved=680, committed=680)
                                        (malloc=680 tag=String Deduplication #8) (at peak)

            -           Object Monitors (reserved=1200, committed=1200)
                                        (malloc=1200 tag=Object Monitors #6) (at peak)
            """;

    static final String JDK25_DIFF = """

            Native Memory Tracking:

            Total: reserved=1682189900 +74219755, committed=276913740 +75657451

            malloc=76349004 +68976875 #24587 +18149

            mmap: reserved=1605840896 +5242880, committed=200564736 +6680576

            -                 Java Heap (reserved=134217728, committed=134217728)
                                        (mmap: reserved=134217728, committed=134217728)

            -                     Class (reserved=1073950014 +135544, committed=1060158 +856440)
                                        (classes #2492 +1675)
                                        (  instance classes #2225 +1545, array classes #267 +130)
                                        (malloc=208190 +135544 #3931 +2987)
                                        (mmap: reserved=1073741824, committed=851968 +720896)
                                        (  Metadata)
                                        (    reserved=67108864, committed=5898240 +5439488)
                                        (    used=5821960 +5431848)
                                        (    waste=76280 =1.29% +7640)
                                        (  Class space)
                                        (    reserved=1073741824, committed=851968 +720896)
                                        (    used=693312 +666264)
                                        (    waste=158656 =18.62% +54632)

            -                    Thread (reserved=24195536 +5260952, committed=1462736 +538264)
                                        (threads #23 +5)
                                        (stack: reserved=24117248 +5242880, committed=1384448 +520192)
                                        (malloc=53088 +12072 #139 +30)
                                        (arena=25200 +6000 #42 +10)

            -                      Code (reserved=254597128 +891880, committed=8689672 +891880)
                                        (malloc=959536 +891880 #6869 +5220)
                                        (mmap: reserved=253636608, committed=7729152)
                                        (arena=984 #1)

            -                        GC (reserved=40582239 +38325, committed=40582239 +38325)
                                        (malloc=4385887 +38325 #1518 +710)
                                        (mmap: reserved=36196352, committed=36196352)

            -                 GCCardSet (reserved=488 +192, committed=488 +192)
                                        (malloc=488 +192 #4)

            -                  Compiler (reserved=236624 +32712, committed=236624 +32712)
                                        (malloc=35888 +32712 #58 +27)
                                        (arena=200736 #6)

            -                  Internal (reserved=269241 -995877, committed=269241 -995877)
                                        (malloc=232377 -995877 #2693 +1637)
                                        (mmap: reserved=36864, committed=36864)

            -                     Other (reserved=67151872 +67151872, committed=67151872 +67151872)
                                        (malloc=67151872 +67151872 #67 +67)

            -                    Symbol (reserved=1828337 +665280, committed=1828337 +665280)
                                        (malloc=1001505 +207088 #5859 +5734)
                                        (arena=826832 +458192 #1)

            -    Native Memory Tracking (reserved=454902 +332834, committed=454902 +332834)
                                        (malloc=12336 +6152 #198 +107)
                                        (tracking overhead=442566 +326682)

            -        Shared class space (reserved=16777312, committed=14241888)
                                        (malloc=96 #2)
                                        (mmap: reserved=16777216, committed=14241792)

            -               Arena Chunk (reserved=495000 +493896, committed=495000 +493896)
                                        (malloc=495000 +493896)

            -                   Tracing (reserved=39001 +34056, committed=39001 +34056)
                                        (malloc=6273 +1328 #33 +6)
                                        (arena=32728 +32728 #1 +1)

            -                Statistics (reserved=128, committed=128)
                                        (malloc=128 #2)

            -                 Arguments (reserved=86, committed=86)
                                        (malloc=86 #4)

            -                    Module (reserved=43760 +2512, committed=43760 +2512)
                                        (malloc=43760 +2512 #1275 +14)

            -                 Safepoint (reserved=8192, committed=8192)
                                        (mmap: reserved=8192, committed=8192)

            -           Synchronization (reserved=188208 +161512, committed=188208 +161512)
                                        (malloc=188208 +161512 #1799 +1553)

            -            Serviceability (reserved=17216 -111, committed=17216 -111)
                                        (malloc=17216 -111 #10 -4)

            -                 Metaspace (reserved=67134808 +13376, committed=5924184 +5452864)
                                        (malloc=25944 +13376 #24 +15)
                                        (mmap: reserved=67108864, committed=5898240 +5439488)

            -      String Deduplication (reserved=680, committed=680)
                                        (malloc=680 #8)

            -           Object Monitors (reserved=1400 +800, committed=1400 +800)
                                        (malloc=1400 +800 #7 +4)
            """;

    static final String JDK17_SUMMARY_KB = """

            Native Memory Tracking:

            (Omitting categories weighting less than 1KB)

            Total: reserved=1645436KB, committed=269944KB
                   malloc: 73908KB #32729
                   mmap:   reserved=1571528KB, committed=196036KB

            -                 Java Heap (reserved=131072KB, committed=131072KB)
                                        (mmap: reserved=131072KB, committed=131072KB)

            -                     Class (reserved=1048823KB, committed=1015KB)
            """;

    static final String JDK25_DIFF_KB = """

            Native Memory Tracking:

            (Omitting categories weighting less than 1KB)

            Total: reserved=1643052KB +72769KB, committed=270712KB +74173KB

            malloc=74848KB +67649KB #24724 +18286

            mmap: reserved=1568204KB +5120KB, committed=195864KB +6524KB

            -                 Java Heap (reserved=131072KB, committed=131072KB)
                                        (mmap: reserved=131072KB, committed=131072KB)

            -                     Class (reserved=1048779KB +133KB, committed=1035KB +837KB)
            """;

    /** A summary at scale=MB, as jcmd printed it on JDK 17 (the first lines). */
    static final String JDK17_SUMMARY_MB = """

            Native Memory Tracking:

            (Omitting categories weighting less than 1MB)

            Total: reserved=1606MB, committed=263MB
                   malloc: 72MB #32714
                   mmap:   reserved=1534MB, committed=191MB

            -                 Java Heap (reserved=128MB, committed=128MB)
                                        (mmap: reserved=128MB, committed=128MB)
            """;
}
