-- 0007: the customs outbox listing (GET /organizations/{id}/customs/messages, `tradeproof outbox list`, the dashboard's
-- outbox page) reads a tenant's newest messages, optionally of one state, newest first, at most 200. With only the
-- (tenant_id, filing) index the database read every message of the tenant and sorted them (a temporary B-tree in
-- SQLite): about 250 ms at 100,000 messages. These two indexes give the order directly (about 1 ms). by_tenant is
-- written once per message (tenant and sequence never change); by_state also on each state write (delivered, an
-- attempt recorded, a re-send).
CREATE INDEX customs_outbox_by_tenant ON customs_outbox (tenant_id, sequence);
CREATE INDEX customs_outbox_by_state ON customs_outbox (tenant_id, state, sequence);
