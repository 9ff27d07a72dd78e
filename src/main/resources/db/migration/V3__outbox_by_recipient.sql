-- The acknowledgement loop guard counts the acknowledgements written to one address in the last 24 hours, once per
-- acknowledgement: without an index that is a scan of the whole outbox each time, so the intake slowed down as the
-- outbox grew (a burst of N applications cost N^2). An acknowledgement goes to one address, so the guard asks for
-- recipients = array[address], which this btree index serves whatever plan PostgreSQL caches for the statement
-- (a GIN index on recipients was tried: the cached generic plan preferred the kind and created_at indexes). Partial,
-- so that a digest's long list of recipients never meets btree's limit on the size of an entry.
create index outbox_acknowledgements_by_recipient on outbox (recipients, created_at) where kind = 'ACKNOWLEDGEMENT';
