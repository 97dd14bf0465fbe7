-- Room on every page of "Transaction" for a changed copy of its rows: a rule applied to existing
-- transactions, a user's category or note, a pending row booked at the next import. None of these
-- change an indexed column, so with free space on the same page PostgreSQL writes the new version
-- there (a HOT update) and touches none of the six indexes. Measured (npm run bench, 7a; and by
-- hand on 1,000,000 rows, 399,088 updated): 41.1 s at the default fill factor of 100, 12.0 s at 70,
-- with a third of the index WAL. The cost is a table about 40 % larger on disk.
-- New pages follow the setting at once; pages written before it only after a rewrite
-- (VACUUM FULL or pg_repack in a maintenance window; see README "Benchmark").
ALTER TABLE "Transaction" SET (fillfactor = 70);
