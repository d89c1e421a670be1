;; A core module whose start function traps during instantiation.
(component
  (core module $m (func $boom unreachable) (start $boom))
  (core instance (instantiate $m))
)
