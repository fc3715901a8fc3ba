-- The push state of the node's checkpoints to each partner witness (LogWitnessing), kept so a restart neither loses
-- it (the backoff schedule, a fork refusal) nor repeats a push the witness already cosigned. One row per partner DID.
-- next_attempt_at is Unix ms (0: at once); refused is 0/1.
CREATE TABLE log_witness_push (
    partner         TEXT    NOT NULL PRIMARY KEY,
    witnessed_size  INTEGER CHECK (witnessed_size >= 0),
    failures        INTEGER NOT NULL CHECK (failures >= 0),
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    refused         INTEGER NOT NULL CHECK (refused IN (0, 1)),
    updated_at      INTEGER NOT NULL
);
