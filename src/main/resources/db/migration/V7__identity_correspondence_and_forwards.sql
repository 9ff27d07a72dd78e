-- Issue #17. A Message-ID is chosen by the sender: it says two messages are the same only together with the same
-- sender. A stranger who reused an applicant's Message-ID was filed as a fifth copy of that applicant's submission.
-- Each submission now records its applicant, and a Message-ID is unique per applicant only.
alter table submission add column applicant_email text;
update submission s set applicant_email = a.applicant_email from application a where a.id = s.application_id;
alter table submission alter column applicant_email set not null;
alter table submission drop constraint one_submission_per_message_id;
alter table submission add constraint one_submission_per_applicant_and_message_id unique (applicant_email, message_id);
create index submission_by_message_id on submission (message_id);

-- A forward from a committee member (issue #17): the application is the original sender's; the member and the time
-- the forward itself reached Guichet are kept, and whether the original sender's address was read unambiguously
-- (only then is the applicant acknowledged).
alter table submission add column forwarded_by text;
alter table submission add column forward_received_at timestamptz;
alter table submission add column applicant_confirmed boolean not null default true;

-- Messages that belong to an application without being a version of it (issue #17): the applicant's thank-you in
-- answer to the acknowledgement, a later message with no note. Never judged, never acknowledged; the raw bytes stay
-- in message, as for every message.
create table correspondence (
    id             uuid primary key,
    application_id uuid        not null references application (id),
    first_message  uuid        not null,      -- the copy served
    message_id     text,
    sender         text        not null,
    subject        text,
    received_at    timestamptz not null,
    reason         text        not null,      -- REPLY_TO_GUICHET, NO_NOTE
    excerpt        text        not null default '',
    copies         integer     not null default 1,
    created_at     timestamptz not null default now(),
    constraint one_correspondence_per_message_id unique (application_id, message_id)
);
create index correspondence_by_application on correspondence (application_id);
alter table message add column correspondence_id uuid;
