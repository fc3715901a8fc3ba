-- The inbox page reads a tenant's presentations in arrival order (WHERE tenant_id = ? AND sequence > ? ORDER BY
-- sequence LIMIT ?). Without this index it sorted all of the tenant's presentations: 1.41 ms at 10,000, 0.15 ms with
-- it (benchmarks/scale, docs/scaling.md).
CREATE INDEX presentations_by_tenant_sequence ON presentations (tenant_id, sequence);
