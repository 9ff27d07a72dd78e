-- The search now indexes the applicant's address in parts too ("costa" finds ana.costa@example.org). The index is
-- rebuilt by the next search (ApplicationList's catch-up), from the stored applications: nothing is lost here.
delete from application_search;
