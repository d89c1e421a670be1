package dev.mowai.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The objects that {@code kubectl kustomize} renders for one deployment target, as raw maps (for the strict
 * schema check) and as fabric8 typed objects (for the cross-checks).
 */
record Manifests(String target, String yaml, List<Map<String, Object>> raw, List<HasMetadata> objects) {

    /**
     * Every deployment target a lead can apply: the default (GPU), the overlays, and the default with the
     * optional queue-depth autoscaling component (a kustomization the tests add to their copy of k8s/).
     */
    static final String QUEUE_DEPTH_TARGET = "k8s/overlays/test-queue-depth";
    static final String TLS_TARGET = "k8s/overlays/test-tls";
    static final List<String> TARGETS = List.of("k8s", "k8s/overlays/cpu", "k8s/overlays/local", QUEUE_DEPTH_TARGET,
            TLS_TARGET);

    /** The lead's own secrets, applied on their own ({@code kubectl apply -k k8s/secrets}). */
    static final String SECRETS_TARGET = "k8s/secrets";

    static final String TEST_ADMIN_SECRET = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    static final String TEST_AGENT_KEY = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    static final String TEST_GATEWAY_KEY = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    static final String TEST_GATEWAY_ARENA_KEY = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    static final String TEST_JOIN_CODE = "join-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(3));

    private static final Map<String, Manifests> CACHE = new ConcurrentHashMap<>();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static Path workCopy;

    static Manifests of(String target) {
        return CACHE.computeIfAbsent(target, Manifests::render);
    }

    static Stream<Manifests> all() {
        return TARGETS.stream().map(Manifests::of);
    }

    /**
     * A copy of k8s/ with a test secrets file in it, as a lead would have after creating theirs.
     * The real k8s/secrets/admin.env (git-ignored) is never read by the tests.
     */
    static synchronized Path workCopy() {
        if (workCopy == null) {
            try {
                Path dir = Files.createTempDirectory("mowai-k8s");
                Path copy = dir.resolve("k8s");
                copyTree(Repo.path("k8s"), copy);
                overlayWithComponent(dir.resolve(QUEUE_DEPTH_TARGET), "hpa-queue-depth");
                overlayWithComponent(dir.resolve(TLS_TARGET), "tls");
                Files.writeString(copy.resolve("secrets/admin.env"),
                        "MOWAI_ADMIN_SECRET=" + TEST_ADMIN_SECRET + "\nMOWAI_AGENT_KEY=" + TEST_AGENT_KEY
                                + "\nMOWAI_GATEWAY_KEY=" + TEST_GATEWAY_KEY + "\nMOWAI_GATEWAY_ARENA_KEY=" + TEST_GATEWAY_ARENA_KEY
                                + "\nMOWAI_JOIN_CODE=" + TEST_JOIN_CODE + "\n");
                workCopy = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return workCopy;
    }

    /** An overlay of the base plus one optional component, as a lead would add it. */
    private static void overlayWithComponent(Path overlay, String component) throws IOException {
        Files.createDirectories(overlay);
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - ../../base
                components:
                  - ../../components/%s
                """.formatted(component));
    }

    static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path destination = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else if (!source.getFileName().toString().equals("admin.env")) {
                    Files.copy(source, destination);
                }
            }
        }
        return to;
    }

    static Commands.Result kustomize(Path dir) {
        if (!Commands.onPath("kubectl")) {
            throw new AssertionError("kubectl is not on the PATH: it is part of the machine image "
                    + "(client 1.32 with kustomize v5) and these tests need it to render k8s/");
        }
        return Commands.run(Duration.ofSeconds(60), List.of("kubectl", "kustomize", dir.toString()));
    }

    private static Manifests render(String target) {
        String yaml = kustomize(workCopy().resolve(target)).orFail().output();
        List<Map<String, Object>> raw = new ArrayList<>();
        List<HasMetadata> objects = new ArrayList<>();
        Yaml parser = new Yaml(new SafeConstructor(new LoaderOptions()));
        for (Object doc : parser.loadAll(yaml)) {
            if (doc == null) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) doc;
            raw.add(map);
            objects.add(SERIALIZATION.convertValue(map, HasMetadata.class));
        }
        return new Manifests(target, yaml, List.copyOf(raw), List.copyOf(objects));
    }

    /** Ollama on a GPU node: the default setup (and what builds on it), not the CPU and local overlays. */
    boolean gpu() {
        return !target.endsWith("/cpu") && !target.endsWith("/local");
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError(
                target + ": no " + type.getSimpleName() + " named " + name));
    }

    /** Pod templates of the workloads, by workload name. */
    Map<String, PodTemplateSpec> podTemplates() {
        Map<String, PodTemplateSpec> templates = new java.util.LinkedHashMap<>();
        all(Deployment.class).forEach(d -> templates.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
        all(StatefulSet.class).forEach(s -> templates.put(s.getMetadata().getName(), s.getSpec().getTemplate()));
        return templates;
    }

    PodTemplateSpec podTemplate(String workload) {
        PodTemplateSpec template = podTemplates().get(workload);
        if (template == null) {
            throw new AssertionError(target + ": no workload named " + workload);
        }
        return template;
    }

    Container container(String workload, String name) {
        return podTemplate(workload).getSpec().getContainers().stream().filter(c -> c.getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(target + ": " + workload + " has no container " + name));
    }

    @Override
    public String toString() {
        return target;
    }
}
