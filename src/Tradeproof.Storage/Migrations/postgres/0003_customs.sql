-- 0003: customs (issue #8): versioned documents (trust registry, agency routes, profile), decisions per filing, and the
-- outbox of messages delivered at least once with retry. Times are Unix milliseconds (UTC).
CREATE TABLE customs_documents (
    tenant_id  TEXT   NOT NULL REFERENCES tenants (id),
    kind       TEXT   NOT NULL,
    version    BIGINT NOT NULL CHECK (version >= 1),
    content    BYTEA  NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, kind, version)
);

CREATE TABLE customs_filings (
    tenant_id       TEXT   NOT NULL REFERENCES tenants (id),
    presentation_id TEXT   NOT NULL,
    filer           TEXT,
    status          TEXT   NOT NULL CHECK (status IN ('received', 'documents-verified', 'may-proceed', 'hold-for-agency-review', 'rejected')),
    decision        TEXT   NOT NULL,
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, presentation_id)
);

CREATE TABLE customs_outbox (
    sequence        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id       TEXT    NOT NULL REFERENCES tenants (id),
    id              TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    recipient       TEXT    NOT NULL,
    filing          TEXT,
    status          TEXT,
    content         BYTEA   NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at BIGINT  NOT NULL,
    last_error      TEXT,
    created_at      BIGINT  NOT NULL,
    delivered_at    BIGINT,
    UNIQUE (tenant_id, id)
);
CREATE INDEX customs_outbox_due ON customs_outbox (next_attempt_at) WHERE state = 'pending';
CREATE INDEX customs_outbox_by_filing ON customs_outbox (tenant_id, filing);
