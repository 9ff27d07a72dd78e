-- A raw message is mostly base64 of an already compressed document (PDF, DOCX, ODT), which PostgreSQL's
-- compression cannot shrink: it spent CPU on every insert only to store the bytes as they were. Stored out of line,
-- uncompressed: the same bytes, without the attempt (issue #7).
alter table message alter column raw set storage external;
