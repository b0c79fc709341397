-- The version check of a product, as one statement that fails when it does not hold, so that a unit of work can
-- send its writes and its COMMIT together: a failure stops the rest, COMMIT included, and the transaction is
-- rolled back. The error is a serialization failure, as PostgreSQL's own for a concurrent update at REPEATABLE
-- READ: the caller retries both the same way.
CREATE FUNCTION advance_product_version(product_sku VARCHAR, read_version INTEGER, new_version INTEGER)
    RETURNS VOID
    LANGUAGE plpgsql AS
$$
BEGIN
    UPDATE products SET version_number = new_version WHERE sku = product_sku AND version_number = read_version;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'product % is no longer at version %', product_sku, read_version
            USING ERRCODE = 'serialization_failure';
    END IF;
END
$$;
