-- A label value's label without a foreign key (issue 4's ingest figures). The foreign key
-- label_value -> label checked each inserted value on its own (a query and a row lock of the
-- label: 3,600 checks for 200 datasets of 18 plain labels), a third of the cost of computing
-- label values; checking it per statement instead (a trigger over the inserted rows) still cost
-- half as much. Label values are written by the pipeline alone, and only for labels it has just
-- read and locked:
--   * the statement that computes label values reads the labels FOR KEY SHARE, as the foreign
--     key's checks did, and holds them until it commits; the statement that stores the results of
--     labels' functions (later, in the same transaction) keeps only values of existing labels;
--   * the trigger below deletes a label's values with the label (the foreign key's ON DELETE
--     CASCADE; label ids are never updated). A label deleted while the pipeline computes it waits
--     for the pipeline's transaction, then deletes the values it wrote.
-- The foreign key label_value -> dataset stays (its checks cost little).

-- DropForeignKey
ALTER TABLE "label_value" DROP CONSTRAINT "label_value_label_id_fkey";

CREATE FUNCTION granary_label_values_go_with_labels() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  DELETE FROM label_value WHERE label_id IN (SELECT id FROM deleted_labels);
  RETURN NULL;
END $$;
CREATE TRIGGER label_values_go_with_the_label AFTER DELETE ON "label"
  REFERENCING OLD TABLE AS deleted_labels FOR EACH STATEMENT EXECUTE FUNCTION granary_label_values_go_with_labels();
