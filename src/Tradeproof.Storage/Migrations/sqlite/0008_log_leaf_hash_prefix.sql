-- 0008: the leaf-hash index (FindLeafByHashAsync, GET /log/proofs/inclusion?hash=) keyed by the hash's first 8 bytes
-- instead of all 32: a third of the entry size, so fewer index pages written per leaf (each leaf's entry lands on a
-- random page); the full hash is compared on the (few) rows the prefix finds. Measured in docs/performance.md
-- ("Eighth session, engineer A").
DROP INDEX log_leaves_by_leaf_hash;
CREATE INDEX log_leaves_by_leaf_hash_prefix ON log_leaves (substr(leaf_hash, 1, 8));
