package dev.mowai.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;

/** deploy/docker-compose.yml (and its CPU override) against the services and the Dockerfiles. */
class ComposeTest {

    private static final Map<String, MowaiService> SERVICES = Map.of(
            "arena", MowaiService.ARENA, "agent-runner", MowaiService.RUNNER,
            "inference-gateway", MowaiService.GATEWAY);
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?:(:?[-?])([^}]*))?}");

    private static final String ROUTES_PATH = "/etc/nginx/mowai/edge-routes.conf";
    private static final String ROUTES_MOUNT = "./edge-routes.conf:" + ROUTES_PATH + ":ro";

    /** Compose's {@code !reset} tag (2.24+), kept as a marker. */
    private static final Object RESET = "<reset>";

    @Test
    void everyMowaiServiceIsConfiguredWithKeysItReads() {
        Map<String, Object> services = services("deploy/docker-compose.yml");
        for (Map.Entry<String, MowaiService> e : SERVICES.entrySet()) {
            Map<String, Object> service = map(services.get(e.getKey()), e.getKey());
            Map<String, Object> env = map(service.get("environment"), e.getKey() + ".environment");
            for (String key : env.keySet()) {
                assertTrue(e.getValue().envKeys.contains(key), e.getKey() + " gets " + key + ", which it does not read");
            }
            assertEquals(String.valueOf(e.getValue().port), interpolate(env.get("QUARKUS_HTTP_PORT")), e.getKey());
            Map<String, Object> build = map(service.get("build"), e.getKey() + ".build");
            assertEquals("..", build.get("context"), e.getKey() + ": builds from the repository root");
            String dockerfile = (String) build.get("dockerfile");
            assertTrue(java.nio.file.Files.isRegularFile(Repo.path(dockerfile)), dockerfile);
            assertTrue(Repo.read(dockerfile).contains("\nEXPOSE " + e.getValue().port + "\n"),
                    dockerfile + " must expose " + e.getValue().port);
            assertEquals(Boolean.TRUE, service.get("read_only"), e.getKey() + ": read-only root filesystem");
            assertEquals(List.of("ALL"), service.get("cap_drop"), e.getKey());
            assertTrue(((List<?>) service.get("tmpfs")).contains("/tmp"), e.getKey() + ": writable /tmp");
        }
    }

    @Test
    void dataDirectoriesLiveOnNamedVolumes() {
        Map<String, Object> compose = load("deploy/docker-compose.yml");
        Set<String> declared = map(compose.get("volumes"), "volumes").keySet();
        Map<String, Object> services = map(compose.get("services"), "services");
        for (String name : List.of("arena", "agent-runner")) {
            Map<String, Object> service = map(services.get(name), name);
            String dataDir = (String) map(service.get("environment"), name).get("MOWAI_DATA_DIR");
            assertNotNull(dataDir, name + " sets MOWAI_DATA_DIR");
            List<?> volumes = (List<?>) service.get("volumes");
            boolean mounted = volumes.stream().map(String::valueOf).anyMatch(v -> {
                String[] parts = v.split(":");
                return parts[1].equals(dataDir) && declared.contains(parts[0]);
            });
            assertTrue(mounted, name + ": " + dataDir + " must be a named volume, got " + volumes);
        }
        Map<String, Object> ollama = map(services.get("ollama"), "ollama");
        assertTrue(((List<?>) ollama.get("volumes")).stream().map(String::valueOf)
                .anyMatch(v -> v.endsWith(":/root/.ollama") && declared.contains(v.split(":")[0])), "model volume");
    }

    @Test
    void serviceUrlsPointAtComposeServicesAndTheirPorts() {
        Map<String, Object> services = services("deploy/docker-compose.yml");
        Map<String, Object> runnerEnv = map(map(services.get("agent-runner"), "agent-runner").get("environment"), "env");
        Map<String, Object> gatewayEnv = map(map(services.get("inference-gateway"), "gw").get("environment"), "env");
        assertUrl(services, interpolate(runnerEnv.get("MOWAI_ARENA_URL")), "ws", "arena", MowaiService.ARENA.port);
        assertUrl(services, interpolate(runnerEnv.get("MOWAI_GATEWAY_URL")), "http", "inference-gateway",
                MowaiService.GATEWAY.port);
        assertUrl(services, interpolate(gatewayEnv.get("QUARKUS_LANGCHAIN4J_OLLAMA_BASE_URL")), "http", "ollama", 11434);
        assertEquals("ollama", gatewayEnv.get("MOWAI_LLM_BACKEND"));
    }

    @Test
    void theAdminSecretMustBeSetByTheLead() {
        Map<String, Object> arena = map(services("deploy/docker-compose.yml").get("arena"), "arena");
        String raw = String.valueOf(map(arena.get("environment"), "env").get("MOWAI_ADMIN_SECRET"));
        Matcher m = VARIABLE.matcher(raw);
        assertTrue(m.matches() && ":?".equals(m.group(2)),
                "MOWAI_ADMIN_SECRET must be ${VAR:?message}: compose refuses to start without it, got " + raw);
        assertTrue(Repo.read("deploy/.gitignore").lines().anyMatch(".env"::equals), "deploy/.env is git-ignored");
    }

    @Test
    void ollamaGetsAGpuAndTheModelTheGatewayAsksFor() {
        Map<String, Object> services = services("deploy/docker-compose.yml");
        Map<String, Object> ollama = map(services.get("ollama"), "ollama");
        Map<String, Object> reservations = map(map(map(ollama.get("deploy"), "deploy").get("resources"), "resources")
                .get("reservations"), "reservations");
        Map<String, Object> device = map(((List<?>) reservations.get("devices")).get(0), "device");
        assertEquals("nvidia", device.get("driver"));
        assertTrue(((List<?>) device.get("capabilities")).contains("gpu"));
        assertSameModel(services, "phi3.5");

        Map<String, Object> cpu = services("deploy/docker-compose.cpu.yml");
        assertEquals(RESET, map(cpu.get("ollama"), "ollama").get("deploy"), "the CPU override drops the GPU reservation");
        assertSameModel(cpu, "qwen2.5:1.5b");
    }

    @Test
    void theEdgeRoutesLikeTheIngress() {
        Map<String, Object> services = services("deploy/docker-compose.yml");
        Map<String, Object> edge = map(services.get("edge"), "edge");
        assertTrue(((List<?>) edge.get("volumes")).contains("./edge.conf:/etc/nginx/conf.d/default.conf:ro"));
        assertTrue(((List<?>) edge.get("volumes")).contains(ROUTES_MOUNT));
        assertTrue(Repo.read("deploy/edge.conf").contains("include " + ROUTES_PATH + ";"), "edge.conf serves the routes");
        String conf = Repo.read("deploy/edge-routes.conf");
        Matcher location = Pattern.compile("location (\\S+) \\{\\s*proxy_pass http://([a-z-]+):(\\d+);").matcher(conf);
        Map<String, String> routes = new java.util.HashMap<>();
        while (location.find()) {
            routes.put(location.group(1), location.group(2) + ":" + location.group(3));
            assertTrue(services.containsKey(location.group(2)), "edge routes to an unknown service " + location.group(2));
        }
        assertEquals(Map.of("/agents", "agent-runner:" + MowaiService.RUNNER.port, "/", "arena:" + MowaiService.ARENA.port),
                routes);
        assertTrue(conf.contains("proxy_set_header Upgrade $http_upgrade;"), "WebSocket upgrade");
        assertTrue(conf.contains("proxy_set_header Connection $connection_upgrade;"), "WebSocket upgrade");
        String published = String.valueOf(((List<?>) edge.get("ports")).get(0));
        assertTrue(published.endsWith(":8000") && Repo.read("deploy/edge.conf").contains("listen 8000;"), published);
        Map<String, Object> tunnel = map(services.get("tunnel"), "tunnel");
        assertTrue(((List<?>) tunnel.get("command")).contains("http://edge:8000"));
        assertEquals(List.of("tunnel"), tunnel.get("profiles"), "the public tunnel is opt-in");
    }

    /** Issue 15: HTTPS for a real workshop; the TLS edge serves the same routes file as the plain one. */
    @Test
    void theTlsOverrideServesHttpsWithTheLeadsCertificateAndTheSameRoutes() {
        Map<String, Object> edge = map(services("deploy/docker-compose.tls.yml").get("edge"), "edge");
        List<?> volumes = (List<?>) edge.get("volumes");
        assertTrue(volumes.contains("./edge-tls.conf:/etc/nginx/conf.d/default.conf:ro"), "replaces edge.conf: " + volumes);
        assertTrue(volumes.contains("./tls:/etc/nginx/tls:ro"), "the certificate folder: " + volumes);
        assertTrue(String.valueOf(((List<?>) edge.get("ports")).get(0)).endsWith(":8443"));
        String tls = Repo.read("deploy/edge-tls.conf");
        assertTrue(tls.contains("listen 8443 ssl;"), tls);
        assertTrue(tls.contains("ssl_certificate /etc/nginx/tls/tls.crt;") && tls.contains("ssl_certificate_key /etc/nginx/tls/tls.key;"));
        assertTrue(tls.contains("include " + ROUTES_PATH + ";"), "the same routes as the plain edge");
        assertTrue(tls.contains("return 301 https://"), "plain HTTP only redirects");
        assertTrue(Repo.read("deploy/.gitignore").lines().anyMatch("tls/"::equals), "the private key is never committed");
    }

    /** Issue 15: X-Forwarded-For counts only from the edge; anyone else's header is ignored by Quarkus. */
    @Test
    void theRunnerBelievesForwardedAddressesFromTheEdgeOnly() {
        Map<String, Object> services = services("deploy/docker-compose.yml");
        Map<String, Object> env = map(map(services.get("agent-runner"), "agent-runner").get("environment"), "env");
        assertEquals("true", String.valueOf(env.get("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING")));
        assertEquals("edge", env.get("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES"));
        assertTrue(services.containsKey("edge"));
    }

    /** Issue 15: the keys that let the runner speak for its agents are the lead's, required, and shared by name. */
    @Test
    void theServiceKeysMustBeSetByTheLeadAndMatch() {
        Map<String, Object> services = services("deploy/docker-compose.yml");
        Map<String, List<String>> holders = Map.of("MOWAI_AGENT_KEY", List.of("arena", "agent-runner"),
                "MOWAI_GATEWAY_KEY", List.of("inference-gateway", "agent-runner"),
                "MOWAI_GATEWAY_ARENA_KEY", List.of("inference-gateway", "arena"));
        holders.forEach((key, names) -> {
            for (String name : names) {
                String raw = String.valueOf(map(map(services.get(name), name).get("environment"), name).get(key));
                Matcher m = VARIABLE.matcher(raw);
                assertTrue(m.matches() && key.equals(m.group(1)) && ":?".equals(m.group(2)),
                        name + ": " + key + " must be ${" + key + ":?message}, got " + raw);
            }
        });
        String example = Repo.read("deploy/.env.example");
        assertTrue(example.contains("\nMOWAI_AGENT_KEY=\n") && example.contains("\nMOWAI_GATEWAY_KEY=\n")
                && example.contains("\nMOWAI_GATEWAY_ARENA_KEY=\n"),
                "the example names the keys and carries none");
    }

    private static void assertSameModel(Map<String, Object> services, String expected) {
        List<?> pull = (List<?>) map(services.get("ollama-pull"), "ollama-pull").get("entrypoint");
        String pulled = interpolate(pull.get(pull.size() - 1));
        String asked = interpolate(map(map(services.get("inference-gateway"), "gw").get("environment"), "env")
                .get("QUARKUS_LANGCHAIN4J_OLLAMA_CHAT_MODEL_MODEL_ID"));
        assertEquals(expected, pulled);
        assertEquals(pulled, asked, "the gateway must ask for the model that was pulled");
    }

    private static void assertUrl(Map<String, Object> services, String url, String scheme, String host, int port) {
        URI uri = URI.create(url);
        assertEquals(scheme, uri.getScheme(), url);
        assertEquals(host, uri.getHost(), url);
        assertEquals(port, uri.getPort(), url);
        assertTrue(services.containsKey(host), url + " names no compose service");
    }

    /** Compose variable syntax: ${VAR:-default} gives the default, ${VAR:?msg} and ${VAR} nothing. */
    static String interpolate(Object value) {
        Matcher m = VARIABLE.matcher(String.valueOf(value));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(2) != null && m.group(2).endsWith("-") ? m.group(3) : "";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Map<String, Object> services(String file) {
        return map(load(file).get("services"), file + ": services");
    }

    static Map<String, Object> load(String file) {
        SafeConstructor constructor = new SafeConstructor(new LoaderOptions()) {
            {
                this.yamlConstructors.put(new Tag("!reset"), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        return RESET;
                    }
                });
            }
        };
        return map(new Yaml(constructor).load(Repo.read(file)), file);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        assertTrue(value instanceof Map, what + " must be a mapping, got " + value);
        return (Map<String, Object>) value;
    }
}
