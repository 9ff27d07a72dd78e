-- The acknowledgement loop guard's memory: for each address, when acknowledgements were written to it in the last
-- 24 hours. V3 counted them in the outbox through an index, but which index a statement uses is decided once per
-- connection, when PostgreSQL caches the statement's plan: a plan cached while the outbox was nearly empty scanned
-- every acknowledgement for each new one (issue #7: 1.5 ms a call on half the connections at 4000 applications, and
-- growing with the outbox). An INSERT ... ON CONFLICT reaches its row through the primary key whatever the plan, and
-- its row lock makes two applications from one address arriving together take turns. An address with nothing
-- in the last 24 hours is forgotten (AcknowledgementGuard, hourly): applicants' addresses are not kept here longer.
create table acknowledgement_guard (
    address    text primary key,          -- lower-cased, as the outbox's recipients
    written_at timestamptz[] not null     -- when the acknowledgements of the last 24 hours were written
);

insert into acknowledgement_guard (address, written_at)
select lower(recipients[1]), array_agg(created_at order by created_at)
from outbox
where kind = 'ACKNOWLEDGEMENT' and created_at > now() - interval '24 hours'
group by lower(recipients[1]);

drop index outbox_acknowledgements_by_recipient;
