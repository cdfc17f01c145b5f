-- Ingest-time sanitising (issue 11): each record's published HTML, computed when it is written, and the version of
-- the content rules it was computed under. Null until a store opened with rules fills them in (it recomputes, at
-- open, every record whose rules differ from its own).
ALTER TABLE articles ADD COLUMN published_html text, ADD COLUMN published_rules text;
