-- modified_ms was written on every put and never read: feeds order by published_ms and take updatedAt from the
-- record itself. Instances of an older release write it, so stop them before starting this one (docs/operations.md).
ALTER TABLE articles DROP COLUMN modified_ms;
