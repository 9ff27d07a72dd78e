-- Issue #21. The applicant's organisation, when the note or the mail's signature names one (note/OrganisationFinder):
-- per version, as the note is, written when the version is filed and again when it is re-judged. Applications filed
-- before this migration have none until an admin re-judges them (Admin · Re-judge all).
alter table submission add column organisation text;

-- The committee's order (issue #21): first received, then created, then id, the list's "number". An application's
-- page finds its previous and next in the list by comparing this key (keyset) instead of numbering every application,
-- so it needs the key stored and indexed. first_received_at is when any version of the application first reached a
-- committee mailbox: the earliest received_at of its submissions, which a later copy may still move earlier. The
-- database keeps it (the trigger below), so that no way of writing a submission, now or later, can forget it.
alter table application add column first_received_at timestamptz;
update application a set first_received_at = (select min(s.received_at) from submission s where s.application_id = a.id);

create function application_first_received() returns trigger language plpgsql as $$
begin
    update application set first_received_at = new.received_at
    where id = new.application_id and (first_received_at is null or first_received_at > new.received_at);
    return null;
end
$$;

create trigger submission_moves_first_received after insert or update of received_at on submission
    for each row execute function application_first_received();

create index application_in_committee_order on application (first_received_at, created_at, id) where version > 0;
