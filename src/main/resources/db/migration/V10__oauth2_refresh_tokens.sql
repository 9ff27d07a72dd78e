-- Refresh tokens an admin imported for a mail server (issue #20): one per client registration and XOAUTH2 user,
-- replaced by the rotated one at each refresh. Encrypted by Guichet (AES-256-GCM, guichet.oauth2.encryption-key):
-- a dump of the database does not open the committee's mailboxes. Access tokens are never stored.
create table oauth2_refresh_token (
    registration_id text        not null check (length(registration_id) between 1 and 200),
    principal_name  text        not null check (length(principal_name) between 1 and 320),
    refresh_token   bytea       not null,
    issued_at       timestamptz,
    stored_at       timestamptz not null default now(),
    primary key (registration_id, principal_name)
);
