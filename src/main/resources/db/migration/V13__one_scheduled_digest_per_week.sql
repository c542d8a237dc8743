-- V10's "one digest per tenant and week" index covered manual sends too (POST /digest/send, subject
-- 'digest-manual'), so a second manual send of the same week mailed the digest and then failed to log it. Only the
-- scheduled digest ('weekly-digest') is once per week; a manual send is logged every time.
DROP INDEX notifications_one_digest;
CREATE UNIQUE INDEX notifications_one_digest ON notifications (tenant_id, subject, period)
    WHERE channel = 'email' AND subject = 'weekly-digest' AND status <> 'failed';
