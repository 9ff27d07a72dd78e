-- Issue #19: the committee's list filters and sorts on an application's flags and on the members its applicant left
-- out. Both are decided by one rule in Java (Application.flags, CommitteeProperties.leftOut) and stored here when the
-- application changes, instead of being decided a second time in the list's SQL. POSSIBLE_DUPLICATE is not stored:
-- it is a relation between applicants that the database answers (Applications).
-- judged_for names the committee the values were computed for; at start-up Guichet judges again every application
-- judged for another committee, or not yet judged (every application this migration finds).
alter table application add column flags text[] not null default '{}';
alter table application add column missing_committee text[] not null default '{}';
alter table application add column judged_for text;
