-- What makes delivery reliable: each table is written in the same transaction as the change it belongs to.

-- The transactional outbox: events that leave the service, kept until Redis has them. The relay reads them in
-- id order and deletes them once relayed, so the table only holds what is still on its way.
CREATE TABLE outbox (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The pub/sub channel and the stream the event goes to (the same name).
    destination VARCHAR(255) NOT NULL,
    event_type  VARCHAR(255) NOT NULL,
    payload     TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Lines that a shrinking batch gave back, until the transaction that allocates them again commits: a process
-- that dies in between leaves the row, and the recovery sweep reallocates it.
CREATE TABLE pending_reallocations (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    orderid    VARCHAR(255) NOT NULL,
    sku        VARCHAR(255) NOT NULL,
    qty        INTEGER      NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT pending_reallocations_once_per_line UNIQUE (orderid, sku, qty)
);

CREATE INDEX pending_reallocations_by_age ON pending_reallocations (created_at);

-- The inbound messages (stream entries) whose change is committed: an entry delivered again is recognised
-- here before its handler runs. Rows older than any redelivery can be are pruned.
CREATE TABLE processed_messages (
    message_id   VARCHAR(255) PRIMARY KEY,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX processed_messages_by_age ON processed_messages (processed_at);
