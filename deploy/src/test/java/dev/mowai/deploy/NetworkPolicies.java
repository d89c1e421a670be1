package dev.mowai.deploy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

/**
 * Decides whether NetworkPolicies (networking.k8s.io/v1 semantics) admit a connection: the source's egress
 * policies and the destination's ingress policies must both allow it; a pod no policy selects for a
 * direction is open in that direction; policies only govern pods of their own namespace.
 */
final class NetworkPolicies {

    /** A pod (namespace and labels) or an address outside the cluster (namespace null). */
    record Endpoint(String name, String namespace, Map<String, String> podLabels, String ip) {
        static Endpoint pod(String name, String namespace, Map<String, String> labels, String ip) {
            return new Endpoint(name, namespace, labels, ip);
        }

        static Endpoint external(String name, String ip) {
            return new Endpoint(name, null, Map.of(), ip);
        }

        Map<String, String> namespaceLabels() {
            return namespace == null ? Map.of() : Map.of("kubernetes.io/metadata.name", namespace);
        }
    }

    private final List<NetworkPolicy> policies;

    NetworkPolicies(List<NetworkPolicy> policies) {
        this.policies = policies;
    }

    boolean allows(Endpoint source, Endpoint destination, int port, String protocol) {
        return egressAllows(source, destination, port, protocol) && ingressAllows(source, destination, port, protocol);
    }

    private boolean egressAllows(Endpoint source, Endpoint destination, int port, String protocol) {
        List<NetworkPolicy> governing = governing(source, "Egress");
        if (governing.isEmpty()) {
            return true;
        }
        return governing.stream().flatMap(p -> p.getSpec().getEgress().stream()).anyMatch(rule ->
                peersMatch(rule.getTo(), destination, source.namespace()) && portsMatch(rule.getPorts(), port, protocol));
    }

    private boolean ingressAllows(Endpoint source, Endpoint destination, int port, String protocol) {
        List<NetworkPolicy> governing = governing(destination, "Ingress");
        if (governing.isEmpty()) {
            return true;
        }
        return governing.stream().flatMap(p -> p.getSpec().getIngress().stream()).anyMatch(rule ->
                peersMatch(rule.getFrom(), source, destination.namespace()) && portsMatch(rule.getPorts(), port, protocol));
    }

    private List<NetworkPolicy> governing(Endpoint pod, String direction) {
        if (pod.namespace() == null) {
            return List.of();
        }
        return policies.stream()
                .filter(p -> pod.namespace().equals(p.getMetadata().getNamespace()))
                .filter(p -> Labels.matches(p.getSpec().getPodSelector(), pod.podLabels()))
                .filter(p -> policyTypes(p).contains(direction))
                .toList();
    }

    private static List<String> policyTypes(NetworkPolicy policy) {
        List<String> types = policy.getSpec().getPolicyTypes();
        if (types != null && !types.isEmpty()) {
            return types;
        }
        boolean egress = policy.getSpec().getEgress() != null && !policy.getSpec().getEgress().isEmpty();
        return egress ? List.of("Ingress", "Egress") : List.of("Ingress");
    }

    /** An empty or absent peer list means every peer. */
    private static boolean peersMatch(List<NetworkPolicyPeer> peers, Endpoint other, String policyNamespace) {
        if (peers == null || peers.isEmpty()) {
            return true;
        }
        return peers.stream().anyMatch(peer -> peerMatches(peer, other, policyNamespace));
    }

    private static boolean peerMatches(NetworkPolicyPeer peer, Endpoint other, String policyNamespace) {
        if (peer.getIpBlock() != null) {
            return inBlock(peer.getIpBlock(), other.ip());
        }
        if (other.namespace() == null) {
            return false;
        }
        boolean namespaceOk = peer.getNamespaceSelector() == null
                ? other.namespace().equals(policyNamespace)
                : Labels.matches(peer.getNamespaceSelector(), other.namespaceLabels());
        boolean podOk = peer.getPodSelector() == null || Labels.matches(peer.getPodSelector(), other.podLabels());
        return namespaceOk && podOk;
    }

    private static boolean portsMatch(List<NetworkPolicyPort> ports, int port, String protocol) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPort p : ports) {
            String ruleProtocol = p.getProtocol() == null ? "TCP" : p.getProtocol();
            IntOrString rulePort = p.getPort();
            if (rulePort != null && rulePort.getIntVal() == null) {
                throw new AssertionError("named port " + rulePort.getStrVal() + " in a NetworkPolicy: use numbers "
                        + "so that the policy reads the same as the Service ports");
            }
            int from = rulePort == null ? 1 : rulePort.getIntVal();
            int to = p.getEndPort() != null ? p.getEndPort() : (rulePort == null ? 65535 : from);
            if (ruleProtocol.equals(protocol) && port >= from && port <= to) {
                return true;
            }
        }
        return false;
    }

    static boolean inBlock(IPBlock block, String ip) {
        if (!inCidr(block.getCidr(), ip)) {
            return false;
        }
        return block.getExcept() == null || block.getExcept().stream().noneMatch(cidr -> inCidr(cidr, ip));
    }

    static boolean inCidr(String cidr, String ip) {
        try {
            String[] parts = cidr.split("/");
            byte[] network = InetAddress.getByName(parts[0]).getAddress();
            byte[] address = InetAddress.getByName(ip).getAddress();
            if (network.length != address.length) {
                return false;
            }
            int bits = Integer.parseInt(parts[1]);
            int width = network.length * 8;
            BigInteger mask = bits == 0 ? BigInteger.ZERO
                    : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftLeft(width - bits);
            return new BigInteger(1, network).and(mask).equals(new BigInteger(1, address).and(mask));
        } catch (UnknownHostException e) {
            throw new AssertionError("not an IP literal: " + cidr + " / " + ip, e);
        }
    }
}
