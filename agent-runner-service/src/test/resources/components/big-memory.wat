;; A core module declaring a 300-page (18.75 MiB) minimum memory: above a 16 MiB cap.
(component
  (core module $m (memory (export "memory") 300))
  (core instance (instantiate $m))
)
