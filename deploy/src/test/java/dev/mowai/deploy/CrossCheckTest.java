package dev.mowai.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Typed cross-checks (fabric8) between the rendered objects and against what the services really are. */
class CrossCheckTest {

    static Stream<Manifests> targets() {
        return Manifests.all();
    }

    // ---- workloads, Services, selectors

    @ParameterizedTest
    @MethodSource("targets")
    void workloadSelectorsMatchTheirPodLabels(Manifests m) {
        for (Deployment d : m.all(Deployment.class)) {
            assertSelects(m, "Deployment " + d.getMetadata().getName(), d.getSpec().getSelector(),
                    d.getSpec().getTemplate().getMetadata().getLabels());
        }
        for (StatefulSet s : m.all(StatefulSet.class)) {
            assertSelects(m, "StatefulSet " + s.getMetadata().getName(), s.getSpec().getSelector(),
                    s.getSpec().getTemplate().getMetadata().getLabels());
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void everyServiceSelectsExactlyOneWorkloadAndItsPorts(Manifests m) {
        for (Service service : m.all(Service.class)) {
            String name = service.getMetadata().getName();
            Map<String, String> selector = service.getSpec().getSelector();
            assertNotNull(selector, m + ": Service " + name + " has no selector");
            List<String> selected = m.podTemplates().entrySet().stream()
                    .filter(e -> Labels.matches(selector, e.getValue().getMetadata().getLabels()))
                    .map(Map.Entry::getKey).toList();
            assertEquals(1, selected.size(), m + ": Service " + name + " selects " + selected);
            PodTemplateSpec pod = m.podTemplate(selected.get(0));
            for (ServicePort port : service.getSpec().getPorts()) {
                ContainerPort target = containerPort(pod.getSpec(), port.getTargetPort());
                assertNotNull(target, m + ": Service " + name + " port " + port.getName() + " targets "
                        + port.getTargetPort() + ", which no container of " + selected.get(0) + " exposes");
                assertEquals(port.getPort(), target.getContainerPort(),
                        m + ": Service " + name + " should publish the container's own port number");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void mowaiServicesListenWhereTheirServicesPoint(Manifests m) {
        for (MowaiService s : MowaiService.values()) {
            Container c = m.container(s.workload, s.workload);
            assertEquals(List.of(s.port), c.getPorts().stream().map(ContainerPort::getContainerPort).toList(),
                    m + ": " + s.workload + " container ports");
            assertEquals(String.valueOf(s.port), envValue(c, "QUARKUS_HTTP_PORT"),
                    m + ": " + s.workload + " must listen on its container port");
            Service service = m.get(Service.class, s.service);
            assertEquals(s.port, service.getSpec().getPorts().get(0).getPort());
        }
    }

    // ---- probes and metrics

    @ParameterizedTest
    @MethodSource("targets")
    void probesUseTheServicesRealHealthEndpoints(Manifests m) {
        for (MowaiService s : MowaiService.values()) {
            Container c = m.container(s.workload, s.workload);
            PodSpec pod = m.podTemplate(s.workload).getSpec();
            Map<String, Probe> probes = Map.of("liveness", orFail(c.getLivenessProbe(), m, s, "liveness"),
                    "readiness", orFail(c.getReadinessProbe(), m, s, "readiness"),
                    "startup", orFail(c.getStartupProbe(), m, s, "startup"));
            Map<String, String> expected = Map.of("liveness", "/q/health/live", "readiness", "/q/health/ready",
                    "startup", "/q/health/started");
            probes.forEach((kind, probe) -> {
                HTTPGetAction get = probe.getHttpGet();
                assertNotNull(get, m + ": " + s.workload + " " + kind + " probe must be an HTTP GET");
                assertEquals(expected.get(kind), get.getPath(), m + ": " + s.workload + " " + kind + " probe path");
                assertTrue(MowaiService.HEALTH_PATHS.contains(get.getPath()));
                ContainerPort port = containerPort(pod, get.getPort());
                assertNotNull(port, m + ": " + s.workload + " " + kind + " probe port " + get.getPort());
                assertEquals(s.port, port.getContainerPort());
            });
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void prometheusScrapesEveryServicesMetrics(Manifests m) {
        for (MowaiService s : MowaiService.values()) {
            Map<String, String> annotations = m.podTemplate(s.workload).getMetadata().getAnnotations();
            assertNotNull(annotations, m + ": " + s.workload + " has no scrape annotations");
            assertEquals("true", annotations.get("prometheus.io/scrape"), m + ": " + s.workload);
            assertEquals(String.valueOf(s.port), annotations.get("prometheus.io/port"), m + ": " + s.workload);
            assertEquals(MowaiService.METRICS_PATH, annotations.get("prometheus.io/path"), m + ": " + s.workload);
        }
    }

    // ---- configuration

    @ParameterizedTest
    @MethodSource("targets")
    void everyEnvironmentVariableIsAKeyTheServiceReads(Manifests m) {
        for (MowaiService s : MowaiService.values()) {
            for (EnvVar env : m.container(s.workload, s.workload).getEnv()) {
                assertTrue(s.envKeys.contains(env.getName()),
                        m + ": " + s.workload + " gets " + env.getName() + ", which it does not read");
            }
        }
        PodSpec ollama = m.podTemplate("ollama").getSpec();
        Stream.concat(ollama.getContainers().stream(), ollama.getInitContainers().stream())
                .flatMap(c -> c.getEnv().stream())
                .forEach(env -> assertTrue(MowaiService.OLLAMA_ENV.contains(env.getName()),
                        m + ": Ollama gets " + env.getName() + ", which neither Ollama nor its pull step reads"));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void configMapAndSecretReferencesResolve(Manifests m) {
        for (Map.Entry<String, PodTemplateSpec> workload : m.podTemplates().entrySet()) {
            PodSpec pod = workload.getValue().getSpec();
            for (Container c : Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream()).toList()) {
                for (EnvVar env : c.getEnv()) {
                    if (env.getValueFrom() == null) {
                        assertNotNull(env.getValue(), m + ": " + c.getName() + " " + env.getName() + " has no value");
                        continue;
                    }
                    var cm = env.getValueFrom().getConfigMapKeyRef();
                    var secret = env.getValueFrom().getSecretKeyRef();
                    if (cm != null) {
                        ConfigMap map = m.get(ConfigMap.class, cm.getName());
                        assertTrue(map.getData().containsKey(cm.getKey()),
                                m + ": ConfigMap " + cm.getName() + " has no key " + cm.getKey());
                    } else if (secret != null) {
                        // the Secret is the lead's own (k8s/secrets): optional, so a fresh clone deploys without it
                        assertEquals(Boolean.TRUE, secret.getOptional(), m + ": " + env.getName() + " must not need the lead's Secret");
                        Secret s = Manifests.of(Manifests.SECRETS_TARGET).get(Secret.class, secret.getName());
                        assertTrue(s.getData().containsKey(secret.getKey()),
                                m + ": Secret " + secret.getName() + " of k8s/secrets has no key " + secret.getKey());
                    } else {
                        assertNotNull(env.getValueFrom().getFieldRef(), m + ": " + env.getName());
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void generatedConfigPointsAtTheRealServices(Manifests m) {
        ConfigMap config = m.all(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().startsWith("mowai-config-")).findFirst()
                .orElseThrow(() -> new AssertionError(m + ": no generated mowai-config ConfigMap"));
        Map<String, String> data = config.getData();
        assertServiceUrl(m, data.get("MOWAI_ARENA_URL"), "ws", MowaiService.ARENA.service, MowaiService.ARENA.port);
        assertServiceUrl(m, data.get("MOWAI_GATEWAY_URL"), "http", MowaiService.GATEWAY.service,
                MowaiService.GATEWAY.port);
        assertServiceUrl(m, data.get("QUARKUS_LANGCHAIN4J_OLLAMA_BASE_URL"), "http", "ollama", 11434);
        assertEquals("ollama", data.get("MOWAI_LLM_BACKEND"), m + ": a cluster must fail loudly, never fall back to echo");
        assertFalse(data.getOrDefault("QUARKUS_LANGCHAIN4J_OLLAMA_CHAT_MODEL_MODEL_ID", "").isBlank());
        if (m.gpu()) {
            assertEquals("phi3.5", data.get("QUARKUS_LANGCHAIN4J_OLLAMA_CHAT_MODEL_MODEL_ID"), m + ": Phi-3.5 on the GPU");
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void secretsComeFromTheLeadsFileAndNeverFromAValueInTheManifests(Manifests m) {
        Manifests own = Manifests.of(Manifests.SECRETS_TARGET);
        Secret secret = own.get(Secret.class, "mowai-secrets");
        assertEquals("mowai", secret.getMetadata().getNamespace());
        String admin = new String(Base64.getDecoder().decode(secret.getData().get("MOWAI_ADMIN_SECRET")),
                StandardCharsets.UTF_8);
        assertEquals(Manifests.TEST_ADMIN_SECRET, admin);
        EnvVar adminEnv = m.container("arena", "arena").getEnv().stream()
                .filter(e -> e.getName().equals("MOWAI_ADMIN_SECRET")).findFirst().orElseThrow();
        assertEquals(secret.getMetadata().getName(), adminEnv.getValueFrom().getSecretKeyRef().getName());
        assertTrue(m.all(Secret.class).isEmpty(), m + ": the workloads' target carries no Secret of its own");
        assertFalse(m.yaml().contains(Manifests.TEST_ADMIN_SECRET), m + ": the admin secret leaked in clear text");
        // Issue 15: the keys that let the runner speak for its agents, held by exactly the services that need them
        Map<String, Set<String>> holders = Map.of("MOWAI_AGENT_KEY", Set.of("arena", "agent-runner"),
                "MOWAI_GATEWAY_KEY", Set.of("agent-runner", "inference-gateway"),
                "MOWAI_GATEWAY_ARENA_KEY", Set.of("arena", "inference-gateway"));
        holders.forEach((key, workloads) -> {
            for (MowaiService s : MowaiService.values()) {
                EnvVar env = m.container(s.workload, s.workload).getEnv().stream()
                        .filter(e -> e.getName().equals(key)).findFirst().orElse(null);
                assertEquals(workloads.contains(s.workload), env != null, m + ": " + s.workload + " and " + key);
                if (env != null) {
                    var ref = env.getValueFrom().getSecretKeyRef();
                    assertEquals(secret.getMetadata().getName(), ref.getName(), m + ": " + key);
                    assertTrue(secret.getData().containsKey(key), "k8s/secrets carries " + key);
                }
            }
        });
        assertFalse(m.yaml().contains(Manifests.TEST_AGENT_KEY) || m.yaml().contains(Manifests.TEST_GATEWAY_KEY)
                || m.yaml().contains(Manifests.TEST_GATEWAY_ARENA_KEY),
                m + ": a service key leaked in clear text");
    }

    // ---- state, scaling, disruption

    @ParameterizedTest
    @MethodSource("targets")
    void arenaIsASingleWriterOnItsOwnVolume(Manifests m) {
        Deployment arena = m.get(Deployment.class, "arena");
        assertEquals(1, arena.getSpec().getReplicas());
        assertEquals("Recreate", arena.getSpec().getStrategy().getType());
        assertMounted(m, arena.getSpec().getTemplate().getSpec(), "arena", "/data");
        assertEquals("/data", envValue(m.container("arena", "arena"), "MOWAI_DATA_DIR"));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void runnerHasAVolumePerReplicaAndFindsItsPeers(Manifests m) {
        StatefulSet runner = m.get(StatefulSet.class, "agent-runner");
        assertEquals(1, runner.getSpec().getVolumeClaimTemplates().size());
        String claim = runner.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName();
        Container c = m.container("agent-runner", "agent-runner");
        assertTrue(c.getVolumeMounts().stream().anyMatch(v -> v.getName().equals(claim) && v.getMountPath().equals("/data")),
                m + ": the per-replica claim must be mounted at /data");
        assertEquals("/data", envValue(c, "MOWAI_DATA_DIR"));

        Service headless = m.get(Service.class, runner.getSpec().getServiceName());
        assertEquals("None", headless.getSpec().getClusterIP(), m + ": serviceName must be a headless Service");
        assertEquals(Boolean.TRUE, headless.getSpec().getPublishNotReadyAddresses(),
                m + ": an owner that is not ready (gateway down) must still be found by its peers");
        assertTrue(Labels.matches(headless.getSpec().getSelector(), runner.getSpec().getTemplate().getMetadata().getLabels()));
        String peers = envValue(c, "MOWAI_CLUSTER_PEERS");
        assertEquals(headless.getMetadata().getName() + ":" + MowaiService.RUNNER.port, peers);
        EnvVar self = c.getEnv().stream().filter(e -> e.getName().equals("MOWAI_CLUSTER_SELF")).findFirst().orElseThrow();
        assertEquals("metadata.name", self.getValueFrom().getFieldRef().getFieldPath());
    }

    @ParameterizedTest
    @MethodSource("targets")
    void gatewayRunsAtLeastTwoReplicasUnderAnAutoscaler(Manifests m) {
        Deployment gateway = m.get(Deployment.class, "inference-gateway");
        assertTrue(gateway.getSpec().getReplicas() >= 2, m + ": gateway replicas");
        List<HorizontalPodAutoscaler> hpas = m.all(HorizontalPodAutoscaler.class);
        assertFalse(hpas.isEmpty());
        for (HorizontalPodAutoscaler hpa : hpas) {
            var ref = hpa.getSpec().getScaleTargetRef();
            HasTarget target = switch (ref.getKind()) {
                case "Deployment" -> m.find(Deployment.class, ref.getName()).map(d -> new HasTarget(d.getApiVersion())).orElse(null);
                case "StatefulSet" -> m.find(StatefulSet.class, ref.getName()).map(s -> new HasTarget(s.getApiVersion())).orElse(null);
                default -> null;
            };
            assertNotNull(target, m + ": HPA " + hpa.getMetadata().getName() + " targets a missing " + ref.getKind() + " " + ref.getName());
            assertEquals(target.apiVersion(), ref.getApiVersion());
            assertTrue(hpa.getSpec().getMinReplicas() >= 2, m + ": the HPA must not go below two gateways");
            assertTrue(hpa.getSpec().getMaxReplicas() >= hpa.getSpec().getMinReplicas());
        }
        assertEquals("inference-gateway", hpas.get(0).getSpec().getScaleTargetRef().getName());
        List<String> pods = hpas.get(0).getSpec().getMetrics().stream().filter(x -> "Pods".equals(x.getType()))
                .map(x -> x.getPods().getMetric().getName()).toList();
        if (m.target().equals(Manifests.QUEUE_DEPTH_TARGET)) {
            assertEquals(List.of("mowai_gateway_queue_depth"), pods);
            // Prometheus' name for the gateway's Micrometer gauge: dots become underscores.
            assertTrue(gatewaySources().contains("\"mowai.gateway.queue.depth\""),
                    "the gateway no longer publishes the queue-depth gauge the HPA scales on");
        } else {
            assertEquals(List.of(), pods, m + ": custom metrics only with the optional component");
        }
    }

    private static String gatewaySources() {
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.walk(Repo.path("inference-gateway/src/main/java"))) {
            StringBuilder all = new StringBuilder();
            for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                all.append(java.nio.file.Files.readString(f));
            }
            return all.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record HasTarget(String apiVersion) {
    }

    @ParameterizedTest
    @MethodSource("targets")
    void everyDisruptionBudgetProtectsExactlyOneWorkload(Manifests m) {
        List<PodDisruptionBudget> pdbs = m.all(PodDisruptionBudget.class);
        List<String> protectedWorkloads = new ArrayList<>();
        for (PodDisruptionBudget pdb : pdbs) {
            List<String> selected = m.podTemplates().entrySet().stream()
                    .filter(e -> Labels.matches(pdb.getSpec().getSelector(), e.getValue().getMetadata().getLabels()))
                    .map(Map.Entry::getKey).toList();
            assertEquals(1, selected.size(), m + ": PDB " + pdb.getMetadata().getName() + " selects " + selected);
            protectedWorkloads.add(selected.get(0));
        }
        assertEquals(Set.copyOf(m.podTemplates().keySet()), Set.copyOf(protectedWorkloads),
                m + ": every workload gets a disruption budget");
    }

    // ---- storage

    @ParameterizedTest
    @MethodSource("targets")
    void volumesAndClaimsResolve(Manifests m) {
        for (Map.Entry<String, PodTemplateSpec> workload : m.podTemplates().entrySet()) {
            PodSpec pod = workload.getValue().getSpec();
            Set<String> names = new java.util.HashSet<>(pod.getVolumes().stream().map(Volume::getName).toList());
            m.find(StatefulSet.class, workload.getKey()).ifPresent(s ->
                    s.getSpec().getVolumeClaimTemplates().forEach(t -> names.add(t.getMetadata().getName())));
            for (Volume v : pod.getVolumes()) {
                if (v.getPersistentVolumeClaim() != null) {
                    assertTrue(m.find(PersistentVolumeClaim.class, v.getPersistentVolumeClaim().getClaimName()).isPresent(),
                            m + ": " + workload.getKey() + " mounts a missing claim " + v.getPersistentVolumeClaim().getClaimName());
                }
            }
            Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream())
                    .flatMap(c -> c.getVolumeMounts().stream())
                    .forEach(mount -> assertTrue(names.contains(mount.getName()),
                            m + ": " + workload.getKey() + " mounts an undeclared volume " + mount.getName()));
        }
    }

    // ---- security and resources

    @ParameterizedTest
    @MethodSource("targets")
    void everyContainerRunsRestricted(Manifests m) {
        for (Map.Entry<String, PodTemplateSpec> workload : m.podTemplates().entrySet()) {
            PodSpec pod = workload.getValue().getSpec();
            String where = m + ": " + workload.getKey();
            assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), where);
            assertTrue(pod.getSecurityContext().getRunAsUser() > 0, where);
            assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType(), where);
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), where + ": no API token in pods");
            Set<String> writable = new java.util.HashSet<>();
            for (Container c : Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream()).toList()) {
                var sc = c.getSecurityContext();
                assertNotNull(sc, where + "/" + c.getName() + " has no securityContext");
                assertEquals(Boolean.TRUE, sc.getReadOnlyRootFilesystem(), where + "/" + c.getName());
                assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation(), where + "/" + c.getName());
                assertEquals(List.of("ALL"), sc.getCapabilities().getDrop(), where + "/" + c.getName());
                assertTrue(sc.getCapabilities().getAdd() == null || sc.getCapabilities().getAdd().isEmpty());
                assertTrue(sc.getPrivileged() == null || !sc.getPrivileged());
                c.getVolumeMounts().forEach(v -> writable.add(v.getMountPath()));
                assertFalse(c.getImage().endsWith(":latest") || !c.getImage().contains(":"),
                        where + "/" + c.getName() + " needs a pinned image tag, got " + c.getImage());
            }
            assertTrue(writable.contains("/tmp"), where + ": a read-only root needs a writable /tmp");
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void everyContainerHasRequestsAndLimits(Manifests m) {
        for (Map.Entry<String, PodTemplateSpec> workload : m.podTemplates().entrySet()) {
            PodSpec pod = workload.getValue().getSpec();
            for (Container c : Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream()).toList()) {
                String where = m + ": " + workload.getKey() + "/" + c.getName();
                Map<String, Quantity> requests = c.getResources().getRequests();
                Map<String, Quantity> limits = c.getResources().getLimits();
                for (String resource : List.of("cpu", "memory")) {
                    assertNotNull(requests.get(resource), where + " requests " + resource);
                    assertNotNull(limits.get(resource), where + " limits " + resource);
                    assertTrue(Quantity.getAmountInBytes(requests.get(resource))
                                    .compareTo(Quantity.getAmountInBytes(limits.get(resource))) <= 0,
                            where + ": " + resource + " request above its limit");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void ollamaGetsTheGpuOnlyInTheGpuSetup(Manifests m) {
        PodSpec pod = m.podTemplate("ollama").getSpec();
        Container ollama = m.container("ollama", "ollama");
        Quantity gpu = ollama.getResources().getLimits().get("nvidia.com/gpu");
        if (m.gpu()) {
            assertEquals("1", gpu == null ? null : gpu.toString(), m + ": Ollama requests one GPU");
            assertEquals("true", pod.getNodeSelector().get("nvidia.com/gpu.present"));
            assertTrue(pod.getTolerations().stream().anyMatch(t -> "nvidia.com/gpu".equals(t.getKey())));
        } else {
            assertEquals(null, gpu, m + ": no GPU on a CPU cluster");
            assertTrue(pod.getNodeSelector() == null || pod.getNodeSelector().isEmpty(), m + ": no GPU node selector");
            assertTrue(pod.getTolerations() == null || pod.getTolerations().isEmpty(), m + ": no GPU toleration");
        }
        Container pull = pod.getInitContainers().stream().filter(c -> c.getName().equals("pull-model")).findFirst()
                .orElseThrow(() -> new AssertionError(m + ": no model pull step"));
        assertEquals(ollama.getImage(), pull.getImage());
        assertTrue(String.join(" ", pull.getArgs()).contains("ollama pull \"$PULL_MODEL\""));
        var modelRef = pull.getEnv().stream().filter(e -> e.getName().equals("PULL_MODEL")).findFirst().orElseThrow()
                .getValueFrom().getConfigMapKeyRef();
        assertEquals("QUARKUS_LANGCHAIN4J_OLLAMA_CHAT_MODEL_MODEL_ID", modelRef.getKey(),
                m + ": the pull step must fetch the model the gateway asks for");
        assertMounted(m, pod, "pull-model", "/models");
        assertMounted(m, pod, "ollama", "/models");
    }

    // ---- ingress

    @ParameterizedTest
    @MethodSource("targets")
    void ingressCarriesTheArenaAndRoutesUploadsToTheRunner(Manifests m) {
        Ingress ingress = m.get(Ingress.class, "mowai");
        Map<String, IngressServiceBackend> routes = new java.util.LinkedHashMap<>();
        for (var rule : ingress.getSpec().getRules()) {
            for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                assertEquals("Prefix", path.getPathType());
                IngressServiceBackend backend = path.getBackend().getService();
                Service service = m.get(Service.class, backend.getName());
                assertTrue(service.getSpec().getPorts().stream().anyMatch(p ->
                                Objects.equals(p.getName(), backend.getPort().getName())
                                        || Objects.equals(p.getPort(), backend.getPort().getNumber())),
                        m + ": Ingress path " + path.getPath() + " names a port Service " + backend.getName() + " lacks");
                routes.put(path.getPath(), backend);
            }
        }
        assertEquals(MowaiService.ARENA.service, routeFor(routes, "/").getName());
        assertEquals(MowaiService.ARENA.service, routeFor(routes, "/arena").getName());
        assertEquals(MowaiService.ARENA.service, routeFor(routes, "/ws").getName());
        assertEquals(MowaiService.ARENA.service, routeFor(routes, "/health").getName());
        assertEquals(MowaiService.ARENA.service, routeFor(routes, "/task").getName());
        assertEquals(MowaiService.RUNNER.service, routeFor(routes, "/agents").getName());
        assertEquals(MowaiService.RUNNER.service, routeFor(routes, "/agents/0b7e/logs").getName());
        Map<String, String> annotations = ingress.getMetadata().getAnnotations();
        assertTrue(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout")) >= 120,
                m + ": idle WebSockets (30 s keepalive) and consoles must outlive the proxy's read timeout");
    }

    /** Issue 15: the TLS component makes the Ingress serve HTTPS for the lead's host and certificate. */
    @ParameterizedTest
    @MethodSource("targets")
    void theTlsComponentServesHttpsForItsHost(Manifests m) {
        Ingress ingress = m.get(Ingress.class, "mowai");
        if (!m.target().equals(Manifests.TLS_TARGET)) {
            assertTrue(ingress.getSpec().getTls() == null || ingress.getSpec().getTls().isEmpty(), m + ": TLS is opt-in");
            return;
        }
        var tls = ingress.getSpec().getTls();
        assertEquals(1, tls.size());
        assertEquals("mowai-tls", tls.getFirst().getSecretName());
        for (var rule : ingress.getSpec().getRules()) {
            assertTrue(tls.getFirst().getHosts().contains(rule.getHost()), m + ": the certificate covers " + rule.getHost());
        }
        assertEquals("true", ingress.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/force-ssl-redirect"));
    }

    /** Longest matching Prefix path, as Ingress controllers pick it (element-wise on '/'). */
    private static IngressServiceBackend routeFor(Map<String, IngressServiceBackend> routes, String requestPath) {
        String best = null;
        for (String prefix : routes.keySet()) {
            boolean matches = prefix.equals("/") || requestPath.equals(prefix) || requestPath.startsWith(prefix + "/");
            if (matches && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        if (best == null) {
            fail("no Ingress route for " + requestPath);
        }
        return routes.get(best);
    }

    // ---- helpers

    private static void assertSelects(Manifests m, String what, LabelSelector selector, Map<String, String> labels) {
        assertNotNull(selector, m + ": " + what + " has no selector");
        assertTrue(Labels.matches(selector, labels), m + ": " + what + " selector " + selector + " misses its pods " + labels);
    }

    private static void assertMounted(Manifests m, PodSpec pod, String container, String path) {
        Container c = Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream())
                .filter(x -> x.getName().equals(container)).findFirst().orElseThrow();
        assertTrue(c.getVolumeMounts().stream().anyMatch(v -> v.getMountPath().equals(path)),
                m + ": " + container + " must mount a volume at " + path);
    }

    private static void assertServiceUrl(Manifests m, String url, String scheme, String service, int port) {
        assertNotNull(url, m + ": missing URL for " + service);
        URI uri = URI.create(url);
        assertEquals(scheme, uri.getScheme(), m + ": " + url);
        assertEquals(service, uri.getHost(), m + ": " + url + " must name the Service");
        assertEquals(port, uri.getPort(), m + ": " + url);
        Service s = m.get(Service.class, service);
        assertTrue(s.getSpec().getPorts().stream().anyMatch(p -> p.getPort() == port), m + ": Service " + service + " has no port " + port);
    }

    private static Probe orFail(Probe probe, Manifests m, MowaiService s, String kind) {
        assertNotNull(probe, m + ": " + s.workload + " has no " + kind + " probe");
        return probe;
    }

    private static String envValue(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst().orElse(null);
    }

    /** The container port a Service targetPort or probe port (number or name) refers to. */
    static ContainerPort containerPort(PodSpec pod, IntOrString ref) {
        for (Container c : pod.getContainers()) {
            for (ContainerPort p : c.getPorts()) {
                boolean byNumber = ref.getIntVal() != null && ref.getIntVal().equals(p.getContainerPort());
                boolean byName = ref.getStrVal() != null && ref.getStrVal().equals(p.getName());
                if (byNumber || byName) {
                    return p;
                }
            }
        }
        return null;
    }
}
