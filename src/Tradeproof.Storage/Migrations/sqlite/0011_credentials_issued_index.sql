-- 0011: the credentials' direction index holds issued credentials only (issue #7). Keyed by (tenant, direction, id)
-- with random urn:uuid ids, it took one random page per stored credential: ~6 of a fresh submission's ~60 WAL pages
-- (5 received credentials). Issued credentials are paged by id through this partial index; received ones through the
-- primary key (tenant_id, id), filtered by direction (nothing in the node lists received credentials).
DROP INDEX credentials_by_direction;
CREATE INDEX credentials_issued ON credentials (tenant_id, id) WHERE direction = 'issued';
