-- What a change of a batch's quantity reads: the batch and, when it shrinks, only the most recent lines it gives
-- back. A shrink gives back its newest lines first, so those are found from this index's end, however many older
-- lines the batch holds.
CREATE INDEX allocations_by_batch_in_order ON allocations (batch_reference, id);

-- The id of the oldest line that setting the batch's quantity to new_quantity gives back, or NULL when it gives back
-- none: the lines given back are then exactly the batch's lines with this id or a greater one. The newest lines are
-- added up, newest first, until they cover the excess of the allocated quantity over the new one; at most that many
-- lines are read, since each line holds at least one unit.
CREATE FUNCTION first_line_given_back(batch VARCHAR, new_quantity INTEGER)
    RETURNS BIGINT
    LANGUAGE sql STABLE AS
$$
    SELECT min(newest.id)
    FROM (SELECT line.id, sum(line.qty) OVER (ORDER BY line.id DESC) - line.qty AS covered_before
          FROM allocations line
          WHERE line.batch_reference = batch
          ORDER BY line.id DESC
          LIMIT GREATEST((SELECT b.allocated_quantity - new_quantity FROM batches b WHERE b.reference = batch), 0)) newest
    WHERE newest.covered_before < (SELECT b.allocated_quantity - new_quantity FROM batches b WHERE b.reference = batch)
$$;
