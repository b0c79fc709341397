-- What a stream entry carries beside its payload (docs/MESSAGES.md): kept with the outbox row, so that a row
-- relayed twice (a relayer died between Redis and the delete) goes out with the same message_id both times.

ALTER TABLE outbox
    -- Unique per message, for downstream deduplication; existing rows get one too.
    ADD COLUMN message_id     UUID         NOT NULL DEFAULT gen_random_uuid(),
    -- The schema version of the payload; 1 for every event written so far.
    ADD COLUMN schema_version INTEGER      NOT NULL DEFAULT 1,
    -- The HTTP request's X-Request-Id or the inbound stream entry that caused the event; null when nothing did
    -- (a recovery sweep), and then the message is its own correlation.
    ADD COLUMN correlation_id VARCHAR(255);
