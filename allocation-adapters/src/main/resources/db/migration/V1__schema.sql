-- The write model: one row per product (the aggregate, with the version that guards it), its batches, and
-- the order lines allocated to them.

CREATE TABLE products (
    sku            VARCHAR(255) PRIMARY KEY,
    version_number INTEGER      NOT NULL CHECK (version_number >= 0)
);

-- A batch is identified by its reference, as in the domain; it is also the key the ORM knows batches by.
CREATE TABLE batches (
    reference          VARCHAR(255) PRIMARY KEY,
    sku                VARCHAR(255) NOT NULL REFERENCES products (sku),
    purchased_quantity INTEGER      NOT NULL CHECK (purchased_quantity >= 0),
    eta                DATE,
    -- The sum of the batch's allocations, so that availability never needs the allocation rows.
    allocated_quantity INTEGER      NOT NULL DEFAULT 0 CHECK (allocated_quantity >= 0)
);

CREATE INDEX batches_by_sku ON batches (sku);

-- The id only orders the rows: a batch gives back its most recent allocation first when it shrinks.
CREATE TABLE allocations (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    batch_reference VARCHAR(255) NOT NULL REFERENCES batches (reference) ON DELETE CASCADE,
    orderid         VARCHAR(255) NOT NULL,
    sku             VARCHAR(255) NOT NULL,
    qty             INTEGER      NOT NULL CHECK (qty >= 1),
    -- A batch holds a set of lines; this index also finds a batch's allocations.
    CONSTRAINT allocations_line_once_per_batch UNIQUE (batch_reference, orderid, sku, qty)
);

-- The read model looks allocations up by order.
CREATE INDEX allocations_by_orderid ON allocations (orderid);
