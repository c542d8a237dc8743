-- When each secret of a connector's settings was last given, for the settings page ("set on 2026-12-01"): the
-- secrets themselves are write-only there. Keyed by field name; a secret missing here was set when the row was
-- last updated (rows saved before this column existed).
ALTER TABLE connector_credentials ADD COLUMN secrets_set_at jsonb NOT NULL DEFAULT '{}'::jsonb;
