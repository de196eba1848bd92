package dev.heaptrail.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.heaptrail.agent.AgentOptions;
import dev.heaptrail.testkit.PrometheusServer;
import dev.heaptrail.testkit.PrometheusServer.PrometheusException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.openshift.api.model.monitoring.v1.PodMetricsEndpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * deploy/kubernetes: every manifest read into fabric8's typed model of its kind (Kubernetes' own
 * objects and the Prometheus Operator's PodMonitor and PrometheusRule), with unknown and misspelled
 * fields refused; the PrometheusRule kept equal to deploy/prometheus/heaptrail-rules.yml and run
 * through promtool; the plain scrape config through {@code promtool check config}; the names and
 * ports that tie the Deployment, its Service, the PodMonitor, the agent's options and the agent
 * image together.
 */
class KubernetesManifestsTest {

    static final Path ROOT = projectRoot();
    static final Path K8S = ROOT.resolve("deploy/kubernetes");
    static final Path RULES = ROOT.resolve("deploy/prometheus/heaptrail-rules.yml");
    static final Path RULE_TESTS = ROOT.resolve("deploy/prometheus/heaptrail-rules.test.yml");

    /** The kinds shipped, each read into its own typed model. */
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "apps/v1/Deployment", Deployment.class,
            "v1/Service", Service.class,
            "monitoring.coreos.com/v1/PodMonitor", PodMonitor.class,
            "monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class);

    static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    static final Pattern JAVAAGENT = Pattern.compile("-javaagent:([^=\\s]+)=(\\S+)");

    // ---- each manifest against the schema of its kind

    @Test
    void everyManifestIsAKnownKindWithOnlyKnownFields() throws Exception {
        Map<String, List<HasMetadata>> all = Map.of(
                "deployment.yaml", read(K8S.resolve("deployment.yaml")),
                "podmonitor.yaml", read(K8S.resolve("podmonitor.yaml")),
                "prometheusrule.yaml", read(K8S.resolve("prometheusrule.yaml")));
        assertThat(all.get("deployment.yaml")).extracting(HasMetadata::getKind).containsExactly("Deployment", "Service");
        assertThat(all.get("podmonitor.yaml")).extracting(HasMetadata::getKind).containsExactly("PodMonitor");
        assertThat(all.get("prometheusrule.yaml")).extracting(HasMetadata::getKind).containsExactly("PrometheusRule");
        // nothing else in the folder that kubectl apply -f would take for a manifest
        try (var files = Files.list(K8S)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.matches(".*\\.(ya?ml|json)")))
                    .containsExactlyInAnyOrder("deployment.yaml", "podmonitor.yaml", "prometheusrule.yaml", "scrape-config.yaml");
        }
    }

    @Test
    void aMisspelledFieldIsRefusedWhereverItIs(@TempDir Path tmp) throws Exception {
        // one misspelling in each typed model: in a container port, in the PodMonitor's spec, in a rule
        assertRefused(tmp, "deployment.yaml", "containerPort: 9400", "containerPrt: 9400", "containerPrt");
        assertRefused(tmp, "deployment.yaml", "  selector:\n    app.kubernetes.io/name: my-app\n",
                "  selectr:\n    app.kubernetes.io/name: my-app\n", "selectr");
        assertRefused(tmp, "podmonitor.yaml", "podMetricsEndpoints:", "podMetricEndpoints:", "podMetricEndpoints");
        assertRefused(tmp, "prometheusrule.yaml", "annotations:", "anotations:", "anotations");
        // a field of a kind without catch-all properties, and a wrong type
        assertRefused(tmp, "podmonitor.yaml", "interval: 30s", "interval: [30s]", "interval");
        // an unknown kind is no manifest of ours
        assertRefused(tmp, "podmonitor.yaml", "kind: PodMonitor", "kind: PodMonitors", "PodMonitors");
    }

    private static void assertRefused(Path tmp, String file, String from, String to, String named) throws IOException {
        String shipped = Files.readString(K8S.resolve(file));
        assertThat(shipped).as(file + " holds " + from).contains(from);
        Path broken = Files.writeString(tmp.resolve(file), shipped.replace(from, to));
        assertThatThrownBy(() -> read(broken)).as(file + " with " + to).hasMessageContaining(named);
    }

    // ---- the PrometheusRule: the rules file's groups, valid, and passing their unit tests

    @Test
    void thePrometheusRuleHoldsExactlyTheGroupsOfTheRulesFile() throws Exception {
        JsonNode spec = document(K8S.resolve("prometheusrule.yaml")).get("spec");
        JsonNode rules = document(RULES);
        assertThat(spec).as("spec of prometheusrule.yaml against " + RULES
                + ": copy the rules file's groups under spec: again").isEqualTo(rules);

        // and the comparison sees a change: one for: of one alert
        ObjectNode changed = (ObjectNode) rules.deepCopy();
        ((ObjectNode) changed.get("groups").get(1).get("rules").get(0)).put("for", "10m");
        assertThat(spec).isNotEqualTo(changed);

        PrometheusRule typed = (PrometheusRule) read(K8S.resolve("prometheusrule.yaml")).get(0);
        assertThat(typed.getSpec().getGroups().stream().flatMap(g -> g.getRules().stream()).map(Rule::getAlert)
                .filter(a -> a != null)).containsExactly("HeaptrailMemoryLeak", "HeaptrailOutOfMemorySoon",
                        "HeaptrailHeapFloorHigh", "HeaptrailAgentDown");
    }

    @Test
    void promtoolChecksAndUnitTestsTheRulesOfThePrometheusRule(@TempDir Path tmp) throws Exception {
        assumeTrue(PrometheusServer.available(), PrometheusServer::whyUnavailable);
        // The spec alone is a rules file; named as the unit tests' rule_files expects it beside them.
        Path extracted = tmp.resolve("heaptrail-rules.yml");
        Files.writeString(extracted, YAML.writeValueAsString(document(K8S.resolve("prometheusrule.yaml")).get("spec")));
        assertThat(PrometheusServer.checkRules(extracted)).contains("SUCCESS: 8 rules found");
        Path tests = Files.copy(RULE_TESTS, tmp.resolve(RULE_TESTS.getFileName()));
        assertThat(PrometheusServer.testRules(tests)).contains("SUCCESS");
    }

    // ---- the plain Prometheus scrape job

    @Test
    void promtoolAcceptsTheScrapeConfig(@TempDir Path tmp) throws Exception {
        assumeTrue(PrometheusServer.available(), PrometheusServer::whyUnavailable);
        Path config = Files.copy(K8S.resolve("scrape-config.yaml"), tmp.resolve("prometheus.yml"));
        Files.copy(RULES, tmp.resolve("heaptrail-rules.yml"));
        JsonNode job = document(config).get("scrape_configs").get(0);
        assertThat(job.get("job_name").asString()).as("HeaptrailAgentDown matches job=\"heaptrail\"").isEqualTo("heaptrail");
        assertThat(job.get("kubernetes_sd_configs").get(0).get("role").asString()).isEqualTo("pod");
        assertThat(job.get("relabel_configs").get(0).toString())
                .contains("__meta_kubernetes_pod_container_port_name", "\"heaptrail\"", "keep");

        String report;
        try {
            report = PrometheusServer.checkConfig(config);
        } catch (PrometheusException e) {
            // Debian builds Prometheus without Kubernetes discovery: check everything else of the
            // file (globals, rule files and their rules, the job, its relabelling) with the pods
            // found through static targets instead.
            assertThat(e.getMessage()).contains("field kubernetes_sd_configs not found");
            ObjectNode withoutSd = (ObjectNode) document(config).deepCopy();
            ObjectNode staticJob = (ObjectNode) withoutSd.get("scrape_configs").get(0);
            staticJob.remove("kubernetes_sd_configs");
            staticJob.set("static_configs", YAML.readTree("[{targets: ['10.0.0.1:9400']}]"));
            Files.writeString(config, YAML.writeValueAsString(withoutSd));
            report = PrometheusServer.checkConfig(config);
        }
        assertThat(report).contains("SUCCESS").contains("8 rules found");

        // and a broken relabelling is refused
        Files.writeString(config, Files.readString(config).replace("keep", "kepe"));
        assertThatThrownBy(() -> PrometheusServer.checkConfig(config)).isInstanceOf(PrometheusException.class);
    }

    // ---- what ties the pieces together

    @Test
    void thePodMonitorScrapesTheAgentPortOfTheDeploymentsPods() throws Exception {
        Deployment deployment = (Deployment) read(K8S.resolve("deployment.yaml")).get(0);
        PodMonitor monitor = (PodMonitor) read(K8S.resolve("podmonitor.yaml")).get(0);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();

        assertThat(podLabels).containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
        PodMetricsEndpoint endpoint = monitor.getSpec().getPodMetricsEndpoints().get(0);
        assertThat(monitor.getSpec().getPodMetricsEndpoints()).hasSize(1);
        assertThat(endpoint.getPath()).isEqualTo("/metrics");
        ContainerPort port = port(app(deployment), endpoint.getPort());
        assertThat(port.getName()).isEqualTo("heaptrail");
        // the job name HeaptrailAgentDown matches
        assertThat(endpoint.getRelabelings()).anySatisfy(r -> {
            assertThat(r.getTargetLabel()).isEqualTo("job");
            assertThat(r.getReplacement()).isEqualTo("heaptrail");
        });
        assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void theAgentBindsAllAddressesOnTheNamedPortWithTheJarTheInitContainerCopies() throws Exception {
        Deployment deployment = (Deployment) read(K8S.resolve("deployment.yaml")).get(0);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container app = app(deployment);

        EnvVar options = app.getEnv().stream().filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS")).findFirst().orElseThrow();
        Matcher agent = JAVAAGENT.matcher(options.getValue());
        assertThat(agent.find()).as(options.getValue()).isTrue();
        // the agent's own parser: unknown options or bad values throw here as they would in the pod
        AgentOptions parsed = AgentOptions.parse(agent.group(2), Map.of());
        assertThat(parsed.host()).as("in a pod the endpoint must bind all addresses").isEqualTo("0.0.0.0");
        assertThat(parsed.port()).isEqualTo(port(app, "heaptrail").getContainerPort());
        // evidence goes to a mounted volume
        assertThat(app.getVolumeMounts()).extracting(VolumeMount::getMountPath).contains(parsed.dir().toString());

        // the jar: in the volume the initContainer fills, under the name it copies to
        Path jar = Path.of(agent.group(1));
        VolumeMount appMount = mountOf(app, jar);
        Container init = pod.getInitContainers().get(0);
        List<String> cp = init.getCommand();
        assertThat(cp).hasSize(3).first().isEqualTo("cp");
        VolumeMount initMount = mountOf(init, Path.of(cp.get(2)));
        assertThat(initMount.getName()).isEqualTo(appMount.getName());
        assertThat(Path.of(initMount.getMountPath()).relativize(Path.of(cp.get(2))))
                .isEqualTo(Path.of(appMount.getMountPath()).relativize(jar));
        assertThat(pod.getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo(appMount.getName());
            assertThat(v.getEmptyDir()).isNotNull();
        });

        // the agent image: the distribution's lib/heaptrail-agent.jar, at the path the initContainer copies from
        String dockerfile = Files.readString(K8S.resolve("Dockerfile.agent"));
        assertThat(dockerfile).contains("COPY lib/heaptrail-agent.jar " + cp.get(1));
        assertThat(Files.readString(ROOT.resolve("heaptrail-dist/src/assembly/dist.xml")))
                .contains("heaptrail-agent/target/heaptrail-agent.jar</source><outputDirectory>lib</outputDirectory>");

        // a memory limit: the heap's maximum, and so the agent's verdicts, follow it
        Quantity limit = app.getResources().getLimits().get("memory");
        assertThat(limit).isNotNull();
        assertThat(Quantity.getAmountInBytes(limit).longValue()).isGreaterThanOrEqualTo(256L << 20);
        assertThat(options.getValue()).contains("-XX:MaxRAMPercentage=");
    }

    @Test
    void theServiceSelectsTheDeploymentsPodsOnANamedPort() throws Exception {
        List<HasMetadata> objects = read(K8S.resolve("deployment.yaml"));
        Deployment deployment = (Deployment) objects.get(0);
        Service service = (Service) objects.get(1);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
        for (ServicePort p : service.getSpec().getPorts()) {
            assertThat(port(app(deployment), p.getTargetPort().getStrVal())).isNotNull();
            assertThat(p.getTargetPort().getStrVal()).as("the agent's port is scraped per pod, not through the Service")
                    .isNotEqualTo("heaptrail");
        }
    }

    // ---- reading

    /** Every document of a manifest file, each read into the typed model of its apiVersion and kind. */
    static List<HasMetadata> read(Path file) throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        for (JsonNode doc : documents(file)) {
            String key = doc.path("apiVersion").asString("") + "/" + doc.path("kind").asString("");
            Class<? extends HasMetadata> type = KINDS.get(key);
            if (type == null) {
                throw new IllegalArgumentException(file + ": unknown kind " + key + "; known: " + KINDS.keySet());
            }
            HasMetadata object = YAML.treeToValue(doc, type);
            // fabric8's models keep fields they do not know in additionalProperties instead of failing
            List<String> unknown = new ArrayList<>();
            unknownFields(object, doc.path("kind").asString(), unknown);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException(file + ": fields unknown to " + key + ": " + unknown);
            }
            objects.add(object);
        }
        return objects;
    }

    static List<JsonNode> documents(Path file) throws IOException {
        try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            return values.readAll().stream().filter(d -> d != null && !d.isNull() && !d.isMissingNode()).toList();
        }
    }

    static JsonNode document(Path file) throws IOException {
        List<JsonNode> docs = documents(file);
        assertThat(docs).as(file.toString()).hasSize(1);
        return docs.get(0);
    }

    /** The paths of all entries in the additionalProperties of a fabric8 object tree. */
    static void unknownFields(Object o, String path, List<String> out) {
        if (o == null) {
            return;
        }
        if (o instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, out));
            return;
        }
        if (o instanceof Collection<?> list) {
            int i = 0;
            for (Object e : list) {
                unknownFields(e, path + "[" + i++ + "]", out);
            }
            return;
        }
        for (Class<?> c = o.getClass(); c != null && c.getName().startsWith("io.fabric8."); c = c.getSuperclass()) {
            if (c.isEnum()) {
                return;
            }
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                Object value;
                try {
                    value = f.get(o);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                if (f.getName().equals("additionalProperties") && value instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(k -> out.add(path + "." + k));
                } else {
                    unknownFields(value, path + "." + f.getName(), out);
                }
            }
        }
    }

    static Container app(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    static ContainerPort port(Container container, String name) {
        return container.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no port named " + name + " in container " + container.getName()));
    }

    static VolumeMount mountOf(Container container, Path file) {
        return container.getVolumeMounts().stream().filter(m -> file.startsWith(Path.of(m.getMountPath()))).findFirst()
                .orElseThrow(() -> new AssertionError(file + " is in no volume of container " + container.getName()));
    }

    static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/kubernetes"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no deploy/kubernetes above " + Path.of("").toAbsolutePath());
    }
}
