-- The acknowledgement loop guard counts the mail written to one address in the last 24 hours, once per
-- acknowledgement: without an index that is a scan of the whole outbox each time, so the intake slowed down as the
-- outbox grew (a burst of N applications cost N^2). The query uses recipients @> array[...], which this index serves.
create index outbox_by_recipient on outbox using gin (recipients);
