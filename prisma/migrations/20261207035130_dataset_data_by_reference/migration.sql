-- A dataset that is its run's document as its only element (the usual upload: one schema at the
-- document's root, no transformer) no longer copies it: `data` is NULL and readers take the run's
-- `data` instead (as a one-element array where the dataset's whole data is shown). The copy was
-- one 20 KB write per upload in the ingest benchmark, with its WAL. Datasets made before keep
-- their copy; both forms are read the same way.
ALTER TABLE "dataset" ALTER COLUMN "data" DROP NOT NULL;
