-- Every mail Guichet sends, written in the same transaction as its cause, then sent by OutboxSender
-- (routes/outbox.camel.yaml). The complete MIME bytes, with a fixed Message-ID, are stored so that a resend is
-- byte for byte the same mail.
create table outbox (
    id              uuid primary key,
    kind            text        not null,  -- ACKNOWLEDGEMENT, DIGEST
    cause           text        not null,  -- the submission acknowledged, the digest sent
    message_id      text        not null,  -- without angle brackets
    sender          text        not null,  -- SMTP MAIL FROM
    recipients      text[]      not null,  -- SMTP RCPT TO, lower-cased
    subject         text,
    mime            bytea       not null,
    state           text        not null default 'PENDING',  -- PENDING, SENT, FAILED
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    created_at      timestamptz not null default now(),
    sent_at         timestamptz,
    constraint outbox_once_per_cause unique (kind, cause),
    constraint outbox_message_id_once unique (message_id)
);
create index outbox_due on outbox (next_attempt_at) where state = 'PENDING';
create index outbox_by_created on outbox (created_at);

-- One row per digest period: the unique end of the period (the scheduled fire time, or the instant an admin asked)
-- makes two instances or two triggers for the same period one digest.
create table digest (
    id           uuid primary key,
    period_end   timestamptz not null,
    trigger      text        not null,  -- SCHEDULE, REQUEST
    applications integer     not null,
    closed_at    timestamptz not null default now(),
    constraint one_digest_per_period unique (period_end)
);

-- Which state of which application each digest showed: an application is in the next digest when it changed after
-- the state shown last, whatever the clocks or the commit order of concurrent transactions.
create table digest_item (
    digest_id      uuid        not null references digest (id),
    application_id uuid        not null references application (id),
    changed_at     timestamptz not null,
    primary key (digest_id, application_id)
);
create index digest_item_by_application on digest_item (application_id, changed_at);
