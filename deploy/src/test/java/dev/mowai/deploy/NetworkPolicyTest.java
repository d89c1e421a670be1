package dev.mowai.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.deploy.NetworkPolicies.Endpoint;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlockBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The NetworkPolicies admit exactly the intended flows: every pair of endpoints (our four pods, the Ingress
 * controller, Prometheus, another namespace's pod, cluster DNS, an internet host and a private address) on
 * the ports that matter, compared with the list below.
 */
class NetworkPolicyTest {

    private static final String NS = "mowai";

    /** "source -> destination:port/protocol" for every connection that must work; all others must not. */
    private static final Set<String> INTERNAL = Set.of(
            // the runner: agents' arena seats, host-llm via the gateway, forwarding to peer replicas
            "agent-runner -> arena:8080/TCP", "agent-runner -> inference-gateway:8082/TCP",
            "agent-runner -> agent-runner:8081/TCP",
            // only the runner, the arena's moderator (and the metrics scraper) reach the gateway; only the
            // gateway reaches Ollama
            "arena -> inference-gateway:8082/TCP",
            "prometheus -> inference-gateway:8082/TCP", "inference-gateway -> ollama:11434/TCP",
            // Ollama pulls models from the internet; everybody resolves names
            "ollama -> internet:443/TCP",
            "arena -> kube-dns:53/UDP", "arena -> kube-dns:53/TCP", "agent-runner -> kube-dns:53/UDP",
            "agent-runner -> kube-dns:53/TCP", "inference-gateway -> kube-dns:53/UDP",
            "inference-gateway -> kube-dns:53/TCP", "ollama -> kube-dns:53/UDP", "ollama -> kube-dns:53/TCP");

    /**
     * Who reaches the arena and the runner: the Ingress controller (the public face), Prometheus and the runner.
     * Issue 15: any other pod reaching the runner directly could forge the X-Forwarded-For it believes.
     */
    private static final List<String> PUBLIC_CLIENTS = List.of("ingress-controller", "prometheus");

    private static final Set<String> INTENDED = intended();

    private static Set<String> intended() {
        Set<String> flows = new TreeSet<>(INTERNAL);
        for (String client : PUBLIC_CLIENTS) {
            flows.add(client + " -> arena:8080/TCP");
            flows.add(client + " -> agent-runner:8081/TCP");
        }
        return flows;
    }

    /** Ports probed on each destination: the one it serves and one it must not be reachable on. */
    private static final Map<String, List<String>> PORTS = Map.of(
            "arena", List.of("8080/TCP", "9000/TCP"),
            "agent-runner", List.of("8081/TCP", "9000/TCP"),
            "inference-gateway", List.of("8082/TCP", "9000/TCP"),
            "ollama", List.of("11434/TCP", "9000/TCP"),
            "kube-dns", List.of("53/UDP", "53/TCP", "9153/TCP"),
            "internet", List.of("443/TCP", "80/TCP"),
            "private-host", List.of("443/TCP", "22/TCP"),
            "ingress-controller", List.of("443/TCP"),
            "prometheus", List.of("9090/TCP"),
            "other-pod", List.of("8080/TCP"));

    static Stream<Manifests> targets() {
        return Manifests.all();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void policiesAdmitExactlyTheIntendedFlows(Manifests m) {
        NetworkPolicies policies = new NetworkPolicies(m.all(NetworkPolicy.class));
        List<Endpoint> endpoints = endpoints(m);
        Set<String> allowed = new TreeSet<>();
        for (Endpoint source : endpoints) {
            for (Endpoint destination : endpoints) {
                if (!NS.equals(source.namespace()) && !NS.equals(destination.namespace())) {
                    continue; // neither end is ours: other namespaces' policies decide
                }
                for (String portAndProtocol : PORTS.get(destination.name())) {
                    String[] parts = portAndProtocol.split("/");
                    if (policies.allows(source, destination, Integer.parseInt(parts[0]), parts[1])) {
                        allowed.add(source.name() + " -> " + destination.name() + ":" + portAndProtocol);
                    }
                }
            }
        }
        Set<String> unexpected = new TreeSet<>(allowed);
        unexpected.removeAll(INTENDED);
        Set<String> missing = new TreeSet<>(INTENDED);
        missing.removeAll(allowed);
        assertTrue(unexpected.isEmpty() && missing.isEmpty(),
                m + ": flows admitted but not intended " + unexpected + "; intended but blocked " + missing);
    }

    /** The evaluator itself, on hand-made cases, so that a bug in it cannot hide a hole in the policies. */
    @Test
    void evaluatorFollowsTheNetworkPolicySemantics() {
        Manifests m = Manifests.of("k8s");
        List<NetworkPolicy> all = m.all(NetworkPolicy.class);
        Endpoint runner = endpoints(m).stream().filter(e -> e.name().equals("agent-runner")).findFirst().orElseThrow();
        Endpoint gateway = endpoints(m).stream().filter(e -> e.name().equals("inference-gateway")).findFirst().orElseThrow();
        Endpoint internet = Endpoint.external("internet", "203.0.113.7");

        assertTrue(new NetworkPolicies(List.of()).allows(runner, internet, 443, "TCP"), "no policy: open");
        List<NetworkPolicy> denyOnly = all.stream().filter(p -> p.getMetadata().getName().equals("default-deny")).toList();
        assertFalse(new NetworkPolicies(denyOnly).allows(runner, gateway, 8082, "TCP"), "default deny blocks");
        assertFalse(new NetworkPolicies(all).allows(runner, internet, 443, "TCP"), "the runner has no way out");
        assertFalse(new NetworkPolicies(all).allows(gateway, runner, 8081, "TCP"), "egress of the gateway is Ollama only");
        assertTrue(NetworkPolicies.inCidr("10.0.0.0/8", "10.244.1.9"));
        assertFalse(NetworkPolicies.inCidr("10.0.0.0/8", "11.0.0.1"));
        assertTrue(NetworkPolicies.inCidr("0.0.0.0/0", "203.0.113.7"));
        assertFalse(NetworkPolicies.inBlock(new IPBlockBuilder().withCidr("0.0.0.0/0")
                .withExcept("10.0.0.0/8").build(), "10.1.2.3"));
    }

    private static List<Endpoint> endpoints(Manifests m) {
        List<Endpoint> endpoints = new ArrayList<>();
        int host = 10;
        for (String workload : List.of("arena", "agent-runner", "inference-gateway", "ollama")) {
            endpoints.add(Endpoint.pod(workload, NS, m.podTemplate(workload).getMetadata().getLabels(), "10.244.0." + host++));
        }
        endpoints.add(Endpoint.pod("ingress-controller", "ingress-nginx",
                Map.of("app.kubernetes.io/name", "ingress-nginx"), "10.244.1.2"));
        endpoints.add(Endpoint.pod("prometheus", "monitoring", Map.of("app.kubernetes.io/name", "prometheus"), "10.244.1.3"));
        endpoints.add(Endpoint.pod("other-pod", "default", Map.of("app", "something-else"), "10.244.1.4"));
        endpoints.add(Endpoint.pod("kube-dns", "kube-system", Map.of("k8s-app", "kube-dns"), "10.244.1.5"));
        endpoints.add(Endpoint.external("internet", "203.0.113.7"));
        endpoints.add(Endpoint.external("private-host", "192.168.10.20"));
        return endpoints;
    }
}
