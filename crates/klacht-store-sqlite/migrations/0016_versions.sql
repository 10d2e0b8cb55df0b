-- The regulation's versions in the database (T16, issue 16): a version is a draft until it is
-- adopted; an adopted version takes effect at 00:00 Europe/Amsterdam on its `adopted_on`, for
-- every instance, without a restart. Versions stored before this migration were each in force
-- from the moment klacht first ran with them: adopted, recorded then, by the operator.
-- SQLite. Keep in step with the PostgreSQL migration 0016.
ALTER TABLE profiles ADD COLUMN state TEXT NOT NULL DEFAULT 'adopted';
-- NULL: the operator (`klacht serve --profile`, `klacht profile import`).
ALTER TABLE profiles ADD COLUMN created_by INTEGER REFERENCES users(id);
ALTER TABLE profiles ADD COLUMN adopted_at INTEGER;
ALTER TABLE profiles ADD COLUMN adopted_by INTEGER REFERENCES users(id);
-- What changed, or the board's decision it records.
ALTER TABLE profiles ADD COLUMN note TEXT;
UPDATE profiles SET adopted_at = first_used;
