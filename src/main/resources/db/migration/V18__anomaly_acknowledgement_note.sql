-- Who acknowledged an anomaly and why: the dashboard's inbox asks for a note, so that the next reader knows what
-- was done about it. Both null for anomalies acknowledged before, or through the API without a note.
ALTER TABLE anomalies ADD COLUMN acknowledged_by text CHECK (length(acknowledged_by) <= 254);
ALTER TABLE anomalies ADD COLUMN acknowledgement_note text CHECK (length(acknowledgement_note) <= 1000);
