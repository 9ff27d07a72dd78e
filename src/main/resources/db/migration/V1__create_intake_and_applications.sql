-- Every message fetched from any mailbox, byte for byte: the ledger of what Guichet has read.
-- Guichet never relies on the mailbox's \Seen flag; this table is what it knows.
create table message (
    id                 uuid primary key,
    mailbox            text        not null,
    location           text        not null,  -- 'imap:<uidvalidity>:<uid>' or 'pop3:<uidl>'
    uid_validity       bigint,
    uid                bigint,
    raw                bytea       not null,
    raw_sha256         text        not null,
    size               integer     not null,
    message_id         text,                  -- normalised Message-ID
    sender             text,                  -- normalised From address
    sender_name        text,
    subject            text,
    recipients         text[]      not null default '{}',  -- To and Cc, lower-cased addresses
    received_at        timestamptz not null,  -- from the receiving server, never from Date:
    received_at_source text        not null,  -- INTERNALDATE, RECEIVED_HEADER, DATE_HEADER, FETCH_TIME
    sent_at            timestamptz,           -- the sender's Date: header, shown but not trusted
    state              text        not null,  -- PENDING, FILED, IGNORED, QUARANTINED
    reason             text,                  -- why it was ignored or quarantined, for a person
    attempts           integer     not null default 0,
    last_error         text,
    submission_id      uuid,
    fetched_at         timestamptz not null default now(),
    processed_at       timestamptz,
    constraint message_location_once unique (mailbox, location),
    -- the same bytes seen again in the same mailbox (a re-scan after a UIDVALIDITY change) are one copy
    constraint message_bytes_once unique (mailbox, raw_sha256)
);
create index message_by_state on message (state);
create index message_by_submission on message (submission_id);
create index message_by_mailbox_uid on message (mailbox, uid_validity, uid);

-- Per mailbox: every UID up to the watermark is in the ledger, so a poll only asks for what is above it.
create table mailbox_state (
    mailbox      text primary key,
    uid_validity bigint,
    watermark    bigint      not null default 0,
    changed_at   timestamptz not null default now()
);

-- One application per applicant and subject; a later different submission is a new version of it.
create table application (
    id                    uuid primary key,
    lock_version          bigint      not null default 0,
    applicant_email       text        not null,
    applicant_name        text,
    subject_key           text        not null,  -- subject without Re:/Fwd:, case or spacing
    subject               text,
    version               integer     not null default 0,
    status                text        not null default 'RECEIVED',
    created_at            timestamptz not null default now(),
    changed_at            timestamptz not null default now(),
    constraint one_application_per_applicant_and_subject unique (applicant_email, subject_key)
);

-- One row per distinct submission (version) of an application; its copies are rows of message.
create table submission (
    id                  uuid primary key,
    application_id      uuid        not null references application (id),
    version             integer     not null,
    message_id          text,
    fingerprint         text        not null,  -- SHA-256 of the attachments, else of the body text
    first_message       uuid        not null,  -- the copy that is analysed and served
    received_at         timestamptz not null,
    received_at_source  text        not null,
    sent_at             timestamptz,
    copies              integer     not null default 1,
    recipients          text[]      not null default '{}',
    analysed_at         timestamptz,
    note_filename       text,
    note_media_type     text,
    note_page_count     integer,
    note_source         text,
    note_text_length    integer,
    note_problem        text,
    other_attachments   text[]      not null default '{}',
    language            text,
    detected_language   text,
    deadline            timestamptz,
    deadline_status     text,
    countries           text[]      not null default '{}',
    flags               text[]      not null default '{}',
    constraint one_submission_per_message_id unique (message_id),
    constraint one_version_number unique (application_id, version)
);
create index submission_by_fingerprint on submission (fingerprint);

-- The extracted text, apart so that listing applications does not drag it along.
create table note_text (
    submission_id uuid primary key references submission (id),
    text          text not null
);
