;; Memories and tables sharing one cap: a module with a growable memory and table, instantiated four
;; times, and a module whose memory declares a small maximum (2 pages), which it keeps.
(component
  (core module $grows (memory (export "memory") 1) (table 1 funcref))
  (core module $fixed (memory (export "memory") 1 2))
  (core instance (instantiate $grows))
  (core instance (instantiate $grows))
  (core instance (instantiate $grows))
  (core instance (instantiate $grows))
  (core instance (instantiate $fixed))
)
