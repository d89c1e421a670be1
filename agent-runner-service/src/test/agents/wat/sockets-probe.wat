;; A guest that tries to reach the network through WASI 0.2 sockets directly (no toolchain here
;; can emit wasi:sockets imports, so it is hand-written): it asks wasi:sockets/ip-name-lookup to
;; resolve "example.com" through the network handle of wasi:sockets/instance-network.
;; Interface mowai:test/sockets-probe: resolve-example-com() -> u32 — the discriminant of the
;; wasi:sockets/network error-code the host returned (0 unknown, 1 access-denied, 2 not-supported,
;; …, 18 name-unresolvable, …), or 0xFFFFFFFF if the host started a lookup, which a sandbox must
;; never do. The guest drops every handle it got (network, and the lookup stream if any).
(component
  (type $network-iface (instance
    (export "network" (type (sub resource)))
    (type $ec (enum "unknown" "access-denied" "not-supported" "invalid-argument"
      "out-of-memory" "timeout" "concurrency-conflict" "not-in-progress" "would-block" "invalid-state"
      "new-socket-limit" "address-not-bindable" "address-in-use" "remote-unreachable" "connection-refused"
      "connection-reset" "connection-aborted" "datagram-too-large" "name-unresolvable"
      "temporary-resolver-failure" "permanent-resolver-failure"))
    (export "error-code" (type (eq $ec)))))
  (import "wasi:sockets/network@0.2.3" (instance $net (type $network-iface)))
  (alias export $net "network" (type $network))
  (alias export $net "error-code" (type $error-code))

  (type $instance-network-iface (instance
    (alias outer 1 $network (type $n))
    (export "network" (type $n2 (eq $n)))
    (export "instance-network" (func (result (own $n2))))))
  (import "wasi:sockets/instance-network@0.2.3" (instance $inet (type $instance-network-iface)))

  (type $lookup-iface (instance
    (alias outer 1 $network (type $n))
    (alias outer 1 $error-code (type $e))
    (export "network" (type $n2 (eq $n)))
    (export "error-code" (type $e2 (eq $e)))
    (export "resolve-address-stream" (type $stream (sub resource)))
    (export "resolve-addresses" (func (param "network" (borrow $n2)) (param "name" string)
                                      (result (result (own $stream) (error $e2)))))))
  (import "wasi:sockets/ip-name-lookup@0.2.3" (instance $lookup (type $lookup-iface)))
  (alias export $lookup "resolve-address-stream" (type $stream))

  (core module $mem-module (memory (export "memory") 1))
  (core instance $mem-instance (instantiate $mem-module))
  (alias core export $mem-instance "memory" (core memory $mem))

  (core func $instance-network (canon lower (func $inet "instance-network")))
  (core func $resolve-addresses (canon lower (func $lookup "resolve-addresses") (memory $mem)))
  (core func $drop-network (canon resource.drop $network))
  (core func $drop-stream (canon resource.drop $stream))

  (core module $main
    (import "env" "memory" (memory 1))
    (import "env" "instance-network" (func $instance-network (result i32)))
    (import "env" "resolve-addresses" (func $resolve-addresses (param i32 i32 i32 i32)))
    (import "env" "drop-network" (func $drop-network (param i32)))
    (import "env" "drop-stream" (func $drop-stream (param i32)))
    (data (i32.const 64) "example.com")
    (func (export "resolve-example-com") (result i32)
      (local $network i32) (local $answer i32)
      (local.set $network (call $instance-network))
      ;; result<own<stream>, error-code> at 16: discriminant u8 @16, payload @20
      (call $resolve-addresses (local.get $network) (i32.const 64) (i32.const 11) (i32.const 16))
      (if (i32.eqz (i32.load8_u (i32.const 16)))
        (then
          (call $drop-stream (i32.load (i32.const 20)))
          (local.set $answer (i32.const -1)))
        (else (local.set $answer (i32.load8_u (i32.const 20)))))
      (call $drop-network (local.get $network))
      (local.get $answer)))
  (core instance $m (instantiate $main
    (with "env" (instance
      (export "memory" (memory $mem))
      (export "instance-network" (func $instance-network))
      (export "resolve-addresses" (func $resolve-addresses))
      (export "drop-network" (func $drop-network))
      (export "drop-stream" (func $drop-stream))))))

  (func $resolve-example-com (result u32) (canon lift (core func $m "resolve-example-com")))
  (instance $probe (export "resolve-example-com" (func $resolve-example-com)))
  (export "mowai:test/sockets-probe" (instance $probe))
)
