package com.mspanalytics.alerts.digest;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The digest's opening paragraph: the week in a few plain sentences, written from the digest's own figures by
 * fixed rules, so it is the same every time and says nothing the numbers below it do not.
 */
@Component
class DigestNarrative {

    /** @param byAi whether a language model wrote it (the e-mail says so) */
    public record Text(String text, boolean byAi) {

        static final Text NONE = new Text("", false);
    }

    Text write(WeeklyDigest digest) {
        return new Text(rules(digest), false);
    }

    static String rules(WeeklyDigest d) {
        List<String> sentences = new ArrayList<>();
        sentences.add("In the week of " + d.week().monday() + " to " + d.week().sunday() + " the team logged "
                + d.hours().totalText() + " hours, " + d.hours().shareText() + " of them billable.");
        if (d.recovery().total() != null && d.recovery().total().signum() > 0) {
            WeeklyDigest.ClientRecovery top = d.recovery().clients().get(0);
            sentences.add(d.recovery().hoursText() + " hours of work fell outside agreements ("
                    + d.recovery().totalText() + " that could be billed), most of it at " + top.client() + ".");
        } else {
            sentences.add("No work fell outside agreements.");
        }
        if (!d.opportunities().isEmpty()) {
            WeeklyDigest.Opportunity top = d.opportunities().get(0);
            sentences.add("The strongest sales opportunity is " + top.client() + ": " + top.tickets() + " "
                    + top.category() + " tickets (" + top.hoursText() + " hours in 90 days); offer: " + top.offering() + ".");
        }
        sentences.add(d.soc().events() + " security events, " + d.soc().breaches() + " SLA "
                + (d.soc().breaches() == 1 ? "breach" : "breaches") + ".");
        sentences.add(d.openAnomalyCount() == 0 ? "No anomalies are open."
                : d.openAnomalyCount() + (d.openAnomalyCount() == 1 ? " anomaly is" : " anomalies are") + " open.");
        return String.join(" ", sentences);
    }
}
