-- The recommendations register (T14), its improvement actions, the yearly evaluation of the
-- regulation (T16) and the coordinator's words for a report (T13, T15, K13).
-- Times are microseconds since the epoch; days are YYYY-MM-DD text, as elsewhere.
CREATE TABLE recommendations (
    id          BIGSERIAL PRIMARY KEY,
    title       TEXT NOT NULL,
    text        TEXT NOT NULL,
    created_by  BIGINT NOT NULL REFERENCES users(id),
    created_at  BIGINT NOT NULL,
    status      TEXT NOT NULL,
    decided_by  BIGINT REFERENCES users(id),
    decided_at  BIGINT,
    reason      TEXT
);
CREATE INDEX recommendations_created ON recommendations(created_at);

CREATE TABLE recommendation_complaints (
    recommendation_id BIGINT NOT NULL REFERENCES recommendations(id),
    complaint_id      BIGINT NOT NULL REFERENCES complaints(id),
    linked_by         BIGINT NOT NULL REFERENCES users(id),
    linked_at         BIGINT NOT NULL,
    PRIMARY KEY (recommendation_id, complaint_id)
);

CREATE TABLE improvement_actions (
    id                BIGSERIAL PRIMARY KEY,
    recommendation_id BIGINT NOT NULL REFERENCES recommendations(id),
    description       TEXT NOT NULL,
    owner             BIGINT NOT NULL REFERENCES users(id),
    due               TEXT NOT NULL,
    status            TEXT NOT NULL,
    result            TEXT,
    created_by        BIGINT NOT NULL REFERENCES users(id),
    created_at        BIGINT NOT NULL,
    updated_by        BIGINT NOT NULL REFERENCES users(id),
    updated_at        BIGINT NOT NULL,
    -- When the status last changed (the report shows actions whose status changed in its period).
    status_changed_at BIGINT NOT NULL
);
CREATE INDEX improvement_actions_recommendation ON improvement_actions(recommendation_id, id);
-- The owner's dashboard: their actions not done or cancelled, earliest due first.
CREATE INDEX improvement_actions_owner ON improvement_actions(owner, status, due);

CREATE TABLE evaluations (
    id              BIGSERIAL PRIMARY KEY,
    year            BIGINT NOT NULL,
    evaluated_on    TEXT NOT NULL,
    evaluated_by    BIGINT NOT NULL REFERENCES users(id),
    changed         BIGINT NOT NULL,
    new_version_on  TEXT,
    notes           TEXT,
    recorded_at     BIGINT NOT NULL
);
CREATE INDEX evaluations_on ON evaluations(evaluated_on);

-- The latest row per (kind, period_from, period_to) is the text in force.
CREATE TABLE report_texts (
    id          BIGSERIAL PRIMARY KEY,
    kind        TEXT NOT NULL,
    period_from TEXT NOT NULL,
    period_to   TEXT NOT NULL,
    text        TEXT NOT NULL,
    written_by  BIGINT NOT NULL REFERENCES users(id),
    written_at  BIGINT NOT NULL
);
CREATE INDEX report_texts_period ON report_texts(kind, period_from, period_to, id);
