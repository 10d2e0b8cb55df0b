-- The search index's rowid becomes complaint_id * 65536 + seq (was personal_data.id), so that a
-- search finds complaint ids in the index itself, newest first, without a lookup per match in
-- personal_data. The contentless index cannot give its text back: it is rebuilt from the
-- personal data, every string in it, as the application indexes them.
DROP TABLE personal_search;
CREATE VIRTUAL TABLE personal_search USING fts5(
    text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO personal_search (rowid, text)
SELECT p.complaint_id * 65536 + p.seq,
       (SELECT group_concat(t.value, ' ') FROM json_tree(p.data) AS t WHERE t.type = 'text')
FROM personal_data AS p;
