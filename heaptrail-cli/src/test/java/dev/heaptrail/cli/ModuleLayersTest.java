package dev.heaptrail.cli;

import dev.heaptrail.agent.HeaptrailAgent;
import dev.heaptrail.alloc.AllocationReport;
import dev.heaptrail.analysis.suspects.LeakPatternDetector;
import dev.heaptrail.demo.SessionStoreService;
import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.hprof.HprofReader;
import dev.heaptrail.live.JvmConnection;
import dev.heaptrail.report.Renderers;
import dev.heaptrail.testkit.ChildProcess;
import org.junit.jupiter.api.Test;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layers as the compiled module descriptors declare them. The compiler holds each module to
 * its descriptor; this test holds the descriptors to the layers: hprof ← heap ← analysis ← report
 * ← cli, (analysis, live) ← alloc ← report, live ← agent, (analysis, live) ← junit, internals exported to no one but the one qualified
 * export chosen.
 */
class ModuleLayersTest {

    private static final String HPROF = "dev.heaptrail.hprof";
    private static final String HEAP = "dev.heaptrail.heap";
    private static final String ANALYSIS = "dev.heaptrail.analysis";
    private static final String LIVE = "dev.heaptrail.live";
    private static final String AGENT = "dev.heaptrail.agent";
    private static final String ALLOC = "dev.heaptrail.alloc";
    private static final String REPORT = "dev.heaptrail.report";
    private static final String DEMO = "dev.heaptrail.demo";
    private static final String TESTKIT = "dev.heaptrail.testkit";
    private static final String JUNIT = "dev.heaptrail.junit";
    private static final String CLI = "dev.heaptrail.cli";

    /** The heaptrail modules each may require: lower layers only. Testkit is for tests: no main code requires it. */
    private static final Map<String, Set<String>> MAY_REQUIRE = Map.ofEntries(
            Map.entry(HPROF, Set.of()),
            Map.entry(HEAP, Set.of(HPROF)),
            Map.entry(ANALYSIS, Set.of(HPROF, HEAP)),
            Map.entry(LIVE, Set.of()),
            Map.entry(AGENT, Set.of(LIVE)),
            Map.entry(ALLOC, Set.of(HPROF, HEAP, ANALYSIS, LIVE)),
            Map.entry(REPORT, Set.of(HPROF, HEAP, ANALYSIS, LIVE, ALLOC)),
            Map.entry(DEMO, Set.of()),
            Map.entry(TESTKIT, Set.of()),
            Map.entry(JUNIT, Set.of(HPROF, HEAP, ANALYSIS, LIVE)),
            Map.entry(CLI, Set.of(HPROF, HEAP, ANALYSIS, LIVE, AGENT, ALLOC, REPORT, DEMO)));

    /** Modules that need the JDK and nothing else. */
    private static final Set<String> JDK_ONLY = Set.of(HPROF, LIVE, DEMO);

    /** The one internal package another module may read, and which (see heap's module-info.java). */
    private static final Map<String, Set<String>> QUALIFIED_INTERNAL = Map.of(HEAP + ".internal", Set.of(ANALYSIS));

    private final Map<String, ModuleDescriptor> modules = compiledModules();

    @Test
    void everyModuleHasADescriptorOfItsOwnName() {
        assertThat(modules).containsOnlyKeys(MAY_REQUIRE.keySet());
        modules.values().forEach(d -> {
            assertThat(d.isAutomatic()).as(d.name()).isFalse();
            assertThat(d.isOpen()).as(d.name()).isFalse();
        });
        assertThat(modules.get(HPROF).packages()).contains(HPROF, HPROF + ".internal");
        assertThat(modules.get(HEAP).packages()).contains(HEAP + ".index", HEAP + ".internal");
    }

    @Test
    void eachModuleRequiresOnlyTheLayersBelowIt() {
        modules.values().forEach(d -> assertThat(layerViolations(d)).as(d.name()).isEmpty());
    }

    @Test
    void internalPackagesAreExportedToNoOneButTheChosenModule() {
        modules.values().forEach(d -> assertThat(exportViolations(d)).as(d.name()).isEmpty());
        ModuleDescriptor heap = modules.get(HEAP);
        assertThat(heap.exports()).filteredOn(e -> e.source().equals(HEAP + ".internal"))
                .singleElement().satisfies(e -> assertThat(e.targets()).containsExactly(ANALYSIS));
        assertThat(modules.get(HPROF).exports()).extracting(ModuleDescriptor.Exports::source).containsExactly(HPROF);
    }

    @Test
    void analysisDeclaresTheDetectorsItLoadsThroughServiceLoader() {
        assertThat(modules.get(ANALYSIS).uses()).containsExactly(LeakPatternDetector.class.getName());
    }

    @Test
    void junitOpensItsExtensionsToJUnitAloneAndNoMainCodeRequiresIt() {
        assertThat(modules.get(JUNIT).opens()).singleElement().satisfies(o -> {
            assertThat(o.source()).isEqualTo(JUNIT + ".internal");
            assertThat(o.targets()).containsExactly("org.junit.platform.commons");
        });
        assertThat(modules.get(JUNIT).exports()).extracting(ModuleDescriptor.Exports::source).containsExactly(JUNIT);
        assertThat(modules.values()).noneMatch(d -> d.requires().stream().anyMatch(r -> r.name().equals(JUNIT)));
    }

    @Test
    void picocliAloneMayReflectOnTheCommands() {
        assertThat(modules.get(CLI).opens()).singleElement().satisfies(o -> {
            assertThat(o.source()).isEqualTo(CLI);
            assertThat(o.targets()).containsExactly("info.picocli");
        });
    }

    /** The rules catch what they are meant to: descriptors that break them, built in code. */
    @Test
    void theRulesRefuseABrokenLayering() {
        ModuleDescriptor upward = ModuleDescriptor.newModule(HEAP).requires(ANALYSIS).requires(HPROF).build();
        assertThat(layerViolations(upward)).containsExactly("dev.heaptrail.heap requires dev.heaptrail.analysis");
        ModuleDescriptor agentOnAnalysis = ModuleDescriptor.newModule(AGENT).requires(LIVE).requires(ANALYSIS).build();
        assertThat(layerViolations(agentOnAnalysis)).containsExactly("dev.heaptrail.agent requires dev.heaptrail.analysis");
        ModuleDescriptor hprofOnJackson = ModuleDescriptor.newModule(HPROF).requires("com.fasterxml.jackson.core").build();
        assertThat(layerViolations(hprofOnJackson)).containsExactly("dev.heaptrail.hprof requires com.fasterxml.jackson.core");

        ModuleDescriptor openInternal = ModuleDescriptor.newModule(HPROF).exports(HPROF + ".internal").build();
        assertThat(exportViolations(openInternal)).containsExactly("dev.heaptrail.hprof exports dev.heaptrail.hprof.internal to everyone");
        ModuleDescriptor widened = ModuleDescriptor.newModule(HEAP).exports(HEAP + ".internal", Set.of(ANALYSIS, REPORT)).build();
        assertThat(exportViolations(widened)).containsExactly(
                "dev.heaptrail.heap exports dev.heaptrail.heap.internal to [dev.heaptrail.analysis, dev.heaptrail.report]");
        ModuleDescriptor openToAll = ModuleDescriptor.newModule(CLI).opens(CLI).build();
        assertThat(exportViolations(openToAll)).containsExactly("dev.heaptrail.cli opens dev.heaptrail.cli to everyone");
    }

    private static List<String> layerViolations(ModuleDescriptor d) {
        List<String> wrong = new ArrayList<>();
        for (ModuleDescriptor.Requires r : d.requires()) {
            String name = r.name();
            boolean allowed = name.startsWith("dev.heaptrail.") ? MAY_REQUIRE.get(d.name()).contains(name)
                    : !JDK_ONLY.contains(d.name()) || name.startsWith("java.") || name.startsWith("jdk.");
            if (!allowed) {
                wrong.add(d.name() + " requires " + name);
            }
        }
        return wrong;
    }

    private static List<String> exportViolations(ModuleDescriptor d) {
        List<String> wrong = new ArrayList<>();
        for (ModuleDescriptor.Exports e : d.exports()) {
            if (e.source().endsWith(".internal") || e.source().contains(".internal.")) {
                if (!e.isQualified()) {
                    wrong.add(d.name() + " exports " + e.source() + " to everyone");
                } else if (!e.targets().equals(QUALIFIED_INTERNAL.get(e.source()))) {
                    wrong.add(d.name() + " exports " + e.source() + " to " + e.targets().stream().sorted().toList());
                }
            }
        }
        for (ModuleDescriptor.Opens o : d.opens()) {
            if (!o.isQualified()) {
                wrong.add(d.name() + " opens " + o.source() + " to everyone");
            }
        }
        return wrong;
    }

    /**
     * Each module's descriptor, read where this test's class path has the module: its
     * target/classes in a build, its jar otherwise. Tests run on the class path, so the
     * descriptors are read as files, not taken from a module layer.
     */
    private static Map<String, ModuleDescriptor> compiledModules() {
        Map<String, Class<?>> oneClassOf = new LinkedHashMap<>();
        oneClassOf.put(HPROF, HprofReader.class);
        oneClassOf.put(HEAP, HeapIndex.class);
        oneClassOf.put(ANALYSIS, LeakPatternDetector.class);
        oneClassOf.put(LIVE, JvmConnection.class);
        oneClassOf.put(AGENT, HeaptrailAgent.class);
        oneClassOf.put(ALLOC, AllocationReport.class);
        oneClassOf.put(REPORT, Renderers.class);
        oneClassOf.put(DEMO, SessionStoreService.class);
        oneClassOf.put(TESTKIT, ChildProcess.class);
        oneClassOf.put(JUNIT, dev.heaptrail.junit.Leaks.class);
        oneClassOf.put(CLI, Main.class);
        Map<String, ModuleDescriptor> found = new LinkedHashMap<>();
        oneClassOf.forEach((name, type) ->
                ModuleFinder.of(location(type)).find(name).ifPresent(ref -> found.put(name, ref.descriptor())));
        return found;
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(type + " has no file location", e);
        }
    }
}
