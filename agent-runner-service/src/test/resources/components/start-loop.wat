;; A core module whose start function never returns.
(component
  (core module $m (func $spin (loop $l br $l)) (start $spin))
  (core instance (instantiate $m))
)
