-- The sender takes the next mail due in the order (next_attempt_at, created_at). The index on next_attempt_at alone
-- left a sort to do: a plan PostgreSQL cached while the outbox was nearly empty read and sorted every pending mail,
-- MIME included, on disk, for each one sent (issue #7: 24 to 31 ms a mail with 2300 acknowledgements pending, 158 at
-- worst). In the statement's own order, the next mail due is the index's first entry, whatever the statistics say.
create index outbox_due_in_order on outbox (next_attempt_at, created_at) where state = 'PENDING';
drop index outbox_due;
