-- The committee's text search (issue #21): over the applicant, the subject and the note's text, in French and in
-- English, accents ignored ("equipe" finds "équipe"). unaccent ships with PostgreSQL's contrib (the embedded
-- PostgreSQL has it too) and is a trusted extension: the database's owner may create it.
create extension if not exists unaccent;

create text search configuration guichet_fr (copy = french);
alter text search configuration guichet_fr
    alter mapping for hword, hword_part, word with unaccent, french_stem;

create text search configuration guichet_en (copy = english);
alter text search configuration guichet_en
    alter mapping for hword, hword_part, word with unaccent, english_stem;

-- One document per application, for its latest version: refreshed by ApplicationList before a search when the
-- application changed or its note was read again, so that intake never waits for it.
create table application_search (
    application_id uuid primary key references application (id) on delete cascade,
    submission_id  uuid        not null,
    changed_at     timestamptz not null,
    analysed_at    timestamptz,
    document       tsvector    not null
);
create index application_search_document on application_search using gin (document);
